// Loyalty commands of the merchant CLI; see loyalty_commands.hpp. The
// merchant's backend is the authority: it signs the program and every grant
// with an Ed25519 key that never leaves its machines; the widget only holds
// the public half (site config: loyalty.signingKey).
#include "cli/loyalty_commands.hpp"

#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "store/files.hpp"
#include "tessera/crypto/encoding.hpp"
#include "tessera/crypto/sign.hpp"
#include "tessera/engine/engine.hpp"
#include "tessera/loyalty/conditions.hpp"
#include "tessera/loyalty/ledger.hpp"

namespace tessera::cli {
namespace {

constexpr const char* kKeyKind = "tessera-signing-key";

int fail(const std::string& message, int status = 1) {
  std::cerr << "tessera: " << message << "\n";
  return status;
}

// Options may repeat (--at T --at U); positional arguments keep their order.
struct Options {
  std::vector<std::pair<std::string, std::string>> named;
  std::vector<std::string> positional;
  std::string get(const std::string& name) const {
    for (const auto& [k, v] : named) {
      if (k == name) return v;
    }
    return "";
  }
  bool flag(const std::string& name) const {
    for (const auto& kv : named) {
      if (kv.first == name) return true;
    }
    return false;
  }
};

Options parse_options(int argc, char** argv, int first) {
  static const char* kFlags[] = {"sign", "force"};  // options without a value
  Options o;
  for (int i = first; i < argc; ++i) {
    std::string a = argv[i];
    if (a.rfind("--", 0) == 0 && a.size() > 2) {
      std::string name = a.substr(2);
      bool is_flag = name == kFlags[0] || name == kFlags[1];
      o.named.emplace_back(name, !is_flag && i + 1 < argc ? argv[++i] : "");
    } else {
      o.positional.push_back(a);
    }
  }
  return o;
}

Result<Json> read_json_file(const std::string& path) {
  TESSERA_ASSIGN_OR_RETURN(std::string text, store::read_file(path));
  return parse_json(text, {64u << 20, 64});
}

// Whole-file JSON (an object or an array of objects) or JSON lines.
Result<std::vector<Json>> read_json_list(const std::string& path) {
  TESSERA_ASSIGN_OR_RETURN(std::string text, store::read_file(path));
  auto whole = parse_json(text, {64u << 20, 64});
  std::vector<Json> out;
  if (whole.ok()) {
    if (whole->is_array()) {
      for (const Json& j : *whole) out.push_back(j);
    } else {
      out.push_back(*whole);
    }
    return out;
  }
  std::istringstream lines(text);
  std::string line;
  for (int n = 1; std::getline(lines, line); ++n) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    auto doc = parse_json(line, {1u << 20, 64});
    if (!doc.ok()) {
      return Status(doc.status().code(),
                    path + ":" + std::to_string(n) + ": " + doc.status().message());
    }
    out.push_back(std::move(doc).value());
  }
  return out;
}

Result<crypto::SigningKeyPair> load_signing_key(const std::string& path) {
  TESSERA_ASSIGN_OR_RETURN(Json doc, read_json_file(path));
  if (!doc.is_object() || doc.value("kind", "") != kKeyKind) {
    return Status(Code::kInvalidValue, path + " is not a signing key (tessera keygen --sign)");
  }
  FieldReader r(doc, "");
  crypto::SigningKeyPair keys;
  TESSERA_ASSIGN_OR_RETURN(std::string pub, r.required_string("publicKey", 64));
  TESSERA_ASSIGN_OR_RETURN(std::string sec, r.required_string("secretKey", 128));
  TESSERA_ASSIGN_OR_RETURN(keys.public_key, crypto::base64_decode_fixed<32>(pub, "/publicKey"));
  TESSERA_ASSIGN_OR_RETURN(keys.secret_key, crypto::base64_decode_fixed<64>(sec, "/secretKey"));
  // The secret key embeds its public half; a mismatch means a damaged file.
  if (!std::equal(keys.public_key.begin(), keys.public_key.end(), keys.secret_key.begin() + 32)) {
    return Status(Code::kCryptoError, path + ": public key does not match the secret key");
  }
  return keys;
}

// A public key given as a key file or as base64 text.
Result<crypto::SigningPublicKey> load_public_key(const std::string& arg) {
  if (store::file_exists(arg)) {
    auto keys = load_signing_key(arg);
    if (keys.ok()) return keys->public_key;
    TESSERA_ASSIGN_OR_RETURN(std::string text, store::read_file(arg));
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
    return crypto::base64_decode_fixed<32>(text, "--key");
  }
  return crypto::base64_decode_fixed<32>(arg, "--key");
}

int keygen_sign(const Options& o) {
  std::string out = o.get("out");
  if (out.empty()) return fail("keygen --sign needs --out FILE");
  if (store::file_exists(out) && !o.flag("force")) {
    return fail(out + " exists; refusing to overwrite a key (use --force)");
  }
  crypto::SigningKeyPair keys = crypto::generate_signing_keypair();
  std::string pub = crypto::base64_encode(keys.public_key.data(), keys.public_key.size());
  Json file = {{"kind", kKeyKind},
               {"v", 1},
               {"publicKey", pub},
               {"secretKey", crypto::base64_encode(keys.secret_key.data(), 64)}};
  Status st = store::write_private_file(out, file.dump(2) + "\n");
  if (!st.ok()) return fail(st.message());
  std::cout << pub << "\n";
  return 0;
}

int sign(const Options& o, bool events) {
  auto keys = load_signing_key(o.get("key"));
  if (!keys.ok()) return fail(keys.status().to_string());
  if (o.positional.size() != 1) return fail("sign needs one input file");
  std::string key_id = o.get("key-id");
  if (!events) {
    auto doc = read_json_file(o.positional[0]);
    if (!doc.ok()) return fail(doc.status().to_string());
    // Refuse to sign what the widget would refuse to load.
    auto program = loyalty::parse_program_json(*doc);
    if (!program.ok()) return fail("program: " + program.status().to_string());
    auto conditions = loyalty::compile_conditions(*program, *doc);
    if (!conditions.ok()) return fail("program: " + conditions.status().to_string());
    std::cout << dump_json(crypto::sign_document(*doc, keys->secret_key, key_id)) << "\n";
    return 0;
  }
  auto list = read_json_list(o.positional[0]);
  if (!list.ok()) return fail(list.status().to_string());
  for (std::size_t i = 0; i < list->size(); ++i) {
    auto e = loyalty::parse_event_json((*list)[i], "/" + std::to_string(i));
    if (!e.ok()) return fail("event: " + e.status().to_string());
    std::cout << dump_json(crypto::sign_document((*list)[i], keys->secret_key, key_id)) << "\n";
  }
  return 0;
}

// The payload of a signed document, or the document itself (the merchant
// simulates its own unsigned drafts too).
const Json& payload_of(const Json& doc) {
  return doc.is_object() && doc.contains("payload") && doc.contains("signature") ? doc["payload"]
                                                                                 : doc;
}

int simulate(const Options& o) {
  if (o.positional.size() != 3) return fail("loyalty simulate needs program.json events.jsonl");
  auto program_doc = read_json_file(o.positional[1]);
  if (!program_doc.ok()) return fail(program_doc.status().to_string());
  const Json& program_json = payload_of(*program_doc);
  auto program = loyalty::parse_program_json(program_json);
  if (!program.ok()) return fail("program: " + program.status().to_string());
  auto conditions = loyalty::compile_conditions(*program, program_json);
  if (!conditions.ok()) return fail("program: " + conditions.status().to_string());
  auto list = read_json_list(o.positional[2]);
  if (!list.ok()) return fail(list.status().to_string());
  std::vector<loyalty::Event> events;
  for (std::size_t i = 0; i < list->size(); ++i) {
    auto e = loyalty::parse_event_json(payload_of((*list)[i]), "/" + std::to_string(i));
    if (!e.ok()) return fail("event " + std::to_string(i + 1) + ": " + e.status().to_string());
    events.push_back(std::move(e).value());
  }
  std::vector<std::int64_t> times;
  for (const auto& [k, v] : o.named) {
    if (k != "at") continue;
    char* end = nullptr;
    long long t = std::strtoll(v.c_str(), &end, 10);
    if (v.empty() || *end != '\0' || t < 0) return fail("--at takes epoch milliseconds");
    times.push_back(t);
  }
  if (times.empty()) times.push_back(0);  // as of the last event
  // Each time sees only the events that had happened by then, like the
  // member at that moment.
  for (std::int64_t t : times) {
    std::vector<loyalty::Event> upto;
    for (const auto& e : events) {
      if (times.size() == 1 && t == 0) {
        upto.push_back(e);
      } else if (e.at <= t) {
        upto.push_back(e);
      }
    }
    loyalty::Ledger ledger = loyalty::Ledger::replay(*program, std::move(upto), *conditions);
    Json state = loyalty::to_json(ledger, std::max(t, ledger.as_of()));
    state.erase("history");
    std::cout << dump_json(state) << "\n";
    for (const auto& r : ledger.rejections()) {
      std::cerr << "tessera: rejected " << r.key << ": " << r.status.to_string() << "\n";
    }
  }
  return 0;
}

int verify(const Options& o) {
  auto key = load_public_key(o.get("key"));
  if (!key.ok()) return fail(key.status().to_string());
  if (o.positional.size() != 2) return fail("loyalty verify needs --key KEY ledger.json");
  auto ledger = read_json_file(o.positional[1]);
  if (!ledger.ok()) return fail(ledger.status().to_string());
  if (!ledger->is_object() || !ledger->contains("program")) {
    return fail("expected a stored ledger (loyalty.export): {v, program, entries, head}", 2);
  }
  // The same engine the widget runs: program signature, every grant's
  // signature and the hash chain, with the same messages.
  Json config = {{"site", "verify"},
                 {"endpoint", "-"},
                 {"publicKey", crypto::base64_encode(key->data(), key->size())},
                 {"surveys", Json::array()},
                 {"loyalty",
                  {{"program", (*ledger)["program"]},
                   {"signingKey", crypto::base64_encode(key->data(), key->size())}}}};
  auto engine = engine::Engine::create(dump_json(config));
  if (!engine.ok()) return fail("program: " + engine.status().to_string(), 2);
  auto loaded = engine->dispatch("loyalty.load", Json{{"ledger", *ledger}});
  if (!loaded.ok()) return fail(loaded.status().to_string(), 2);
  int bad = 0;
  for (const Json& r : (*loaded)["rejected"]) {
    if (r["code"] == "crypto_error") ++bad;
    std::cerr << "tessera: " << dump_json(r) << "\n";
  }
  std::cout << (bad == 0 ? "ok: " : "FAILED: ") << (*loaded)["entries"].get<std::size_t>()
            << " entries, head " << (*loaded)["head"].get<std::string>() << ", " << bad
            << " bad signatures\n";
  return bad == 0 ? 0 : 2;
}

}  // namespace

bool run_loyalty_command(int argc, char** argv, int& status) {
  std::string command = argv[1];
  Options o = parse_options(argc, argv, 2);
  if (command == "keygen" && o.flag("sign")) {
    status = keygen_sign(o);
  } else if (command == "sign") {
    status = sign(o, false);
  } else if (command == "sign-event") {
    status = sign(o, true);
  } else if (command == "loyalty" && !o.positional.empty() && o.positional[0] == "simulate") {
    status = simulate(o);
  } else if (command == "loyalty" && !o.positional.empty() && o.positional[0] == "verify") {
    status = verify(o);
  } else if (command == "loyalty") {
    status = fail("usage: tessera loyalty (simulate|verify) ...");
  } else {
    return false;
  }
  return true;
}

}  // namespace tessera::cli
