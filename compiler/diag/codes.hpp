// Stable diagnostic codes. docs/diagnostics.md explains each; never renumber one.
#pragma once

namespace sigma::diag::code {

// S00xx: files and YAML
inline constexpr const char* kYamlSyntax = "S0001";
inline constexpr const char* kIo = "S0002";
inline constexpr const char* kNotAMap = "S0003";
inline constexpr const char* kCollectionAction = "S0004";

// S01xx: detection items, values and modifiers
inline constexpr const char* kMissingAttribute = "S0101";
inline constexpr const char* kWrongType = "S0102";
inline constexpr const char* kEmptySelection = "S0103";
inline constexpr const char* kValueType = "S0104";         // e.g. non-numeric value for lt
inline constexpr const char* kModifierCombination = "S0105";
inline constexpr const char* kInvalidRegex = "S0106";
inline constexpr const char* kUnknownModifier = "S0107";
inline constexpr const char* kInvalidCidr = "S0108";
inline constexpr const char* kEncoding = "S0109";          // base64 of a wildcard, ...
inline constexpr const char* kAllSingleValue = "S0110";    // warning
inline constexpr const char* kTooManyVariants = "S0111";   // windash explosion
inline constexpr const char* kUnresolvedPlaceholder = "S0112";  // warning
inline constexpr const char* kInvalidEscape = "S0113";
inline constexpr const char* kFieldName = "S0114";

// S02xx: conditions
inline constexpr const char* kConditionSyntax = "S0201";
inline constexpr const char* kUnknownIdentifier = "S0202";
inline constexpr const char* kPatternMatchesNothing = "S0203";
inline constexpr const char* kAggregation = "S0204";       // deprecated `| count() by x > 5`
inline constexpr const char* kNestingTooDeep = "S0205";
inline constexpr const char* kUnusedSelection = "S0206";   // warning

// S03xx: metadata (most are lint warnings)
inline constexpr const char* kInvalidLevel = "S0301";
inline constexpr const char* kInvalidStatus = "S0302";
inline constexpr const char* kMissingId = "S0303";
inline constexpr const char* kDuplicateId = "S0304";
inline constexpr const char* kUnknownLogsource = "S0305";
inline constexpr const char* kInvalidDate = "S0306";
inline constexpr const char* kInvalidId = "S0307";
inline constexpr const char* kMissingLevel = "S0308";

// S04xx: correlation and filter rules
inline constexpr const char* kCorrelation = "S0401";
inline constexpr const char* kFilter = "S0402";
inline constexpr const char* kUnknownRuleReference = "S0403";

// S05xx: eval / score / where / fields / sort expressions
inline constexpr const char* kExprSyntax = "S0501";
inline constexpr const char* kExprUnknownFunction = "S0502";
inline constexpr const char* kExprArity = "S0503";
inline constexpr const char* kExprUnknownName = "S0504";
inline constexpr const char* kExtension = "S0505";          // malformed eval/score/where/sort

// S06xx: processing pipelines
inline constexpr const char* kPipeline = "S0601";
inline constexpr const char* kPipelineUnknownTransformation = "S0602";
inline constexpr const char* kPipelineRuleFailure = "S0603";

}  // namespace sigma::diag::code
