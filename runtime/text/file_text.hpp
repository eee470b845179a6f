// A whole file's bytes in one read, for every place that loads a file at once (rule files,
// pipeline files, benchmark inputs): a stream copy grows its buffer step by step, which was a
// tenth of compiling the SigmaHQ corpus.
#pragma once

#include <filesystem>
#include <string>

namespace sigma::text {

// Replaces `out` with the file's bytes; false (and `out` empty) when it is missing, a
// directory, or cannot be read. Pipes and devices are read to their end.
bool read_file(const std::filesystem::path& path, std::string& out);

}  // namespace sigma::text
