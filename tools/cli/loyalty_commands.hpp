// The merchant CLI's loyalty commands (keys, signing, simulation, ledger
// verification), apart from main.cpp so the survey commands stay small.
//
//   tessera keygen --sign --out signing.key
//   tessera sign --key signing.key program.json > program.signed.json
//   tessera sign-event --key signing.key events.jsonl > grants.jsonl
//   tessera loyalty simulate program.json events.jsonl --at 1704067200000
//   tessera loyalty verify --key signing.key ledger.json
#pragma once

namespace tessera::cli {

// True if argv[1] (with its options) is a loyalty command; `status` is then
// the process exit status.
bool run_loyalty_command(int argc, char** argv, int& status);

}  // namespace tessera::cli
