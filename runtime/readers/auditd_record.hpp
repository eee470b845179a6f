// One raw audit.log record -> fields, as SIEMs index auditd (and as SigmaHQ's auditd rules
// name them):
//
//   [node=HOST ]type=TYPE msg=audit(SECONDS.MILLIS:SERIAL): key=value key="value" ...
//
// gives host (from node=), type, _time ("SECONDS.MILLIS" as written), serial, _raw (the line)
// and every key=value of the body under its own name. Values:
//  - "quoted" and 'quoted' values lose their quotes (audit quoting has no escapes);
//  - msg='k=v ...' (user-space records) keeps `msg` and also yields its inner pairs;
//  - unquoted hex in fields the kernel or user space hex-encodes when the text is unsafe
//    (name, exe, comm, cwd, key, data, cmd, acct, proctitle, ... and a0..aN of EXECVE) is
//    decoded; a value that is not even-length hex, such as (null) or ?, stays as written.
//    proctitle's NUL separators become spaces; key's \x01 separators make it a list;
//  - EXECVE's aN_len/aN[i] pieces of a long argument are not fields: they are returned in
//    `Parsed::pieces` so the reader can join them into aN (possibly across records).
// The first occurrence of a key wins (records such as LOGIN repeat auid).
// Words without '=' (AVC's "avc:  denied  { read } for") are skipped.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/event/field_store.hpp"

namespace sigma::readers::auditd {

struct Piece {
  std::uint32_t arg;      // N of aN[i]
  std::string_view text;  // decoded (in the store's arena or the line)
};

struct ArgLength {
  std::uint32_t arg;   // N of aN_len
  std::uint64_t bytes;  // the argument's full length
};

struct Parsed {
  std::string_view type;
  std::string_view node;   // empty without node=
  std::string_view stamp;  // "SECONDS.MILLIS:SERIAL", empty when the record has none
  bool has_argc = false;   // EXECVE: the first record of the arguments (continuations lack it)
  std::vector<Piece> pieces;
  std::vector<ArgLength> lengths;

  void clear() {
    type = node = stamp = {};
    has_argc = false;
    pieces.clear();
    lengths.clear();
  }
};

// Parses `line` into `out` (which the caller has cleared; views point into `line` and
// out.arena()). Returns false, with a reason in `why`, when the line is not an audit record.
bool parse_record(std::string_view line, sigma::event::FieldStore& out, Parsed& parsed,
                  std::string& why);

// Hex text -> bytes, appended to `out`; false (and `out` unchanged) unless `hex` is non-empty,
// even-length hex.
bool decode_hex(std::string_view hex, std::string& out);

}  // namespace sigma::readers::auditd
