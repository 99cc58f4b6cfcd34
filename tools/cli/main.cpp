// `tessera`: the merchant's command-line tool, on the same core as the
// browser widget.
//
//   tessera keygen --out merchant.key        make a key pair; prints the public key
//   tessera pubkey --key merchant.key        print the public key (for the site config)
//   tessera open --key merchant.key --db responses.sqlite
//   tessera open --key merchant.key --db postgresql://tessera@127.0.0.1:5432/tessera
//   tessera open --key merchant.key deliveries.jsonl   (or - for stdin)
//   tessera keygen --sign | sign | sign-event | loyalty ...   (loyalty_commands.hpp)
//   tessera report --key merchant.key --db responses.sqlite --config site-config.json
//                  --out report.html            (or --format csv|json; docs/reports.md)
//   tessera ldp-estimate --db responses.sqlite --config site-config.json
//                  population statistics from private reports (ldp_command.hpp)
//
// `open` prints one opened record per line (JSON). Records that do not open
// (wrong key, altered) are listed on stderr and counted; the exit status is
// then 2, so nothing fails silently.
#include <sodium.h>

#include <cstdio>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "cli/ldp_command.hpp"
#include "cli/loyalty_commands.hpp"
#include "cli/report_command.hpp"
#include "store/files.hpp"
#include "store/merchant_key.hpp"
#include "store/response_store.hpp"
#include "tessera/common/json.hpp"
#include "tessera/crypto/encoding.hpp"

namespace {

using tessera::Status;

constexpr const char* kUsage =
    "usage:\n"
    "  tessera keygen --out FILE [--force]\n"
    "  tessera pubkey --key FILE\n"
    "  tessera open --key FILE (--db SQLITE_FILE|POSTGRES_URL | JSONL_FILE | -)\n"
    "  tessera keygen --sign --out FILE [--force]        Ed25519 signing key\n"
    "  tessera sign --key FILE [--key-id ID] program.json\n"
    "  tessera sign-event --key FILE [--key-id ID] events.jsonl|event.json\n"
    "  tessera loyalty simulate program.json events.jsonl [--at T]...\n"
    "  tessera loyalty verify --key FILE|PUBKEY ledger.json\n"
    "  tessera report --key FILE --db SQLITE_FILE|POSTGRES_URL [--config SITE_CONFIG]\n"
    "                 [--format html|csv|json] [--out FILE] [--threads N] [--timing]\n"
    "  tessera ldp-estimate --db SQLITE_FILE|POSTGRES_URL --config SITE_CONFIG [--metric ID]\n";

int fail(const std::string& message) {
  std::cerr << "tessera: " << message << "\n";
  return 1;
}

// --name value pairs and positional arguments.
struct Args {
  std::map<std::string, std::string> options;
  std::vector<std::string> positional;
  bool flag(const std::string& name) const { return options.count(name) != 0; }
  std::string get(const std::string& name) const {
    auto it = options.find(name);
    return it == options.end() ? std::string() : it->second;
  }
};

Args parse_args(int argc, char** argv, int first) {
  Args args;
  for (int i = first; i < argc; ++i) {
    std::string a = argv[i];
    if (a.rfind("--", 0) == 0 && a.size() > 2) {
      bool has_value = i + 1 < argc && std::string(argv[i + 1]).rfind("--", 0) != 0;
      args.options[a.substr(2)] = has_value ? argv[++i] : "";
    } else {
      args.positional.push_back(a);
    }
  }
  return args;
}

int keygen(const Args& args) {
  std::string out = args.get("out");
  if (out.empty()) return fail("keygen needs --out FILE");
  if (tessera::store::file_exists(out) && !args.flag("force")) {
    return fail(out + " exists; refusing to overwrite a key (use --force)");
  }
  tessera::crypto::KeyPair keys = tessera::crypto::generate_keypair();
  Status st = tessera::store::write_private_file(out, tessera::store::format_key_file(keys));
  if (!st.ok()) return fail(st.message());
  std::cout << tessera::crypto::base64_encode(keys.public_key.data(), 32) << "\n";
  return 0;
}

int pubkey(const Args& args) {
  auto keys = tessera::store::load_key_file(args.get("key"));
  if (!keys.ok()) return fail(keys.status().to_string());
  std::cout << tessera::crypto::base64_encode(keys->public_key.data(), 32) << "\n";
  return 0;
}

struct OpenCounts {
  long opened = 0;
  long failed = 0;
};

void open_one(const tessera::crypto::KeyPair& keys, const std::string& label,
              const std::string& sealed_b64, OpenCounts& counts) {
  auto sealed = tessera::crypto::base64_decode(sealed_b64, "/sealed");
  auto plain = sealed.ok() ? tessera::crypto::open_sealed(*sealed, keys)
                           : tessera::Result<std::string>(sealed.status());
  if (!plain.ok()) {
    ++counts.failed;
    std::cerr << "tessera open: " << label << ": " << plain.status().message() << "\n";
    return;
  }
  ++counts.opened;
  std::cout << *plain << "\n";
}

int open_records(const Args& args) {
  auto keys = tessera::store::load_key_file(args.get("key"));
  if (!keys.ok()) return fail(keys.status().to_string());
  OpenCounts counts;
  if (args.flag("db")) {
    auto store = tessera::store::ResponseStore::open(args.get("db"));
    if (!store.ok()) return fail(store.status().message());
    Status st = (*store)->for_each([&](const tessera::store::StoredResponse& r) {
      open_one(*keys, "record " + r.idempotency_key, r.sealed, counts);
    });
    if (!st.ok()) return fail(st.message());
  } else {
    if (args.positional.size() != 1) return fail("open needs --db FILE, a JSONL file or -");
    std::string text;
    if (args.positional[0] == "-") {
      std::ostringstream ss;
      ss << std::cin.rdbuf();
      text = ss.str();
    } else {
      auto file = tessera::store::read_file(args.positional[0]);
      if (!file.ok()) return fail(file.status().message());
      text = *file;
    }
    std::istringstream lines(text);
    std::string line;
    for (long n = 1; std::getline(lines, line); ++n) {
      if (line.empty()) continue;
      std::string label = "line " + std::to_string(n);
      auto doc = tessera::parse_json(line, {1u << 20, 8});
      if (!doc.ok() || !doc->is_object() || !doc->contains("sealed") ||
          !(*doc)["sealed"].is_string()) {
        ++counts.failed;
        std::cerr << "tessera open: " << label << ": expected {\"sealed\": \"<base64>\"}\n";
        continue;
      }
      open_one(*keys, label, (*doc)["sealed"].get<std::string>(), counts);
    }
  }
  std::cerr << "tessera open: " << counts.opened << " opened, " << counts.failed << " failed\n";
  return counts.failed == 0 ? 0 : 2;
}

}  // namespace

int main(int argc, char** argv) {
  if (sodium_init() < 0) return fail("libsodium failed to initialise");
  if (argc < 2) {
    std::cerr << kUsage;
    return 1;
  }
  std::string command = argv[1];
  int status = 0;
  if (tessera::cli::run_loyalty_command(argc, argv, status)) return status;
  Args args = parse_args(argc, argv, 2);
  if (command == "keygen") return keygen(args);
  if (command == "pubkey") return pubkey(args);
  if (command == "open") return open_records(args);
  if (command == "report") return tessera::cli::run_report(args.options);
  if (command == "seal-test-records") return tessera::cli::run_seal_test_records(args.options);
  if (command == "ldp-estimate") return tessera::cli::run_ldp_estimate(args.options);
  if (command == "help" || command == "--help") {
    std::cout << kUsage;
    return 0;
  }
  std::cerr << "tessera: unknown command \"" << command << "\"\n" << kUsage;
  return 1;
}
