// Values from a user's files or requests, made safe to show in a message: a message must never
// run to megabytes because a field did, nor let a control character rewrite the terminal it is
// printed on (or hide the message itself, as a carriage return would).
//
//   Quoted("2019-02-30")        // "'2019-02-30'"
//   Quoted("a\rb")              // "'a\\rb'"
//   Quoted(eight_megabytes)     // "'<its first 60 characters>…' (8388608 bytes)"
//   Printable("caf\xff")        // "caf\\xFF"
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace continuum {

// The most characters of a value a message shows.
inline constexpr size_t kQuotedCharacters = 60;

// `text` with tab, line breaks and other control characters written as \t, \n, \r, \xNN (C1
// controls as \u0080 to \u009F), and each byte that is not part of well-formed UTF-8 as \xNN.
std::string Printable(std::string_view text);

// `text` between `quote`s, made printable; past kQuotedCharacters characters it is cut there
// and followed by "…" and its whole length in bytes.
std::string Quoted(std::string_view text, char quote = '\'');

// True when `text` holds a control character other than tab (C0, DEL or a C1 control encoded in
// UTF-8); sets *offset to the byte where the first one starts.
bool HasControlCharacter(std::string_view text, size_t* offset);

}  // namespace continuum
