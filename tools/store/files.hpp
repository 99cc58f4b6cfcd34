// Small file helpers for the native tools (the core does no I/O).
#pragma once

#include <string>

#include "tessera/common/status.hpp"

namespace tessera::store {

Result<std::string> read_file(const std::string& path);
// Writes atomically (temp file + rename) with mode 0600: for secret keys.
Status write_private_file(const std::string& path, const std::string& contents);
bool file_exists(const std::string& path);

}  // namespace tessera::store
