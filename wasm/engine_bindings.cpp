// Embind bindings for the engine. No logic lives here: the functions move
// strings across the boundary and keep engines in a handle table, so JS never
// holds a C++ object it must delete().
//
//   const core = await createTesseraCore({wasmBinary});
//   const created = JSON.parse(core.createEngine(configJson));
//   // {"ok":true,"value":{"handle":1}} or {"ok":false,"error":{...}}
//   core.call(1, "survey.start", '{"surveyId":"s","startedAt":0}');
//   core.disposeEngine(1);
//
// Every result is the engine's envelope; web/src/core.js turns error
// envelopes into TesseraError, the one JS error type.
#include <emscripten/bind.h>

#include <map>
#include <memory>
#include <string>

#include "tessera/engine/engine.hpp"

namespace {

using tessera::engine::Engine;

// Engines by handle. A page normally has one; a small cap keeps a buggy
// host from leaking memory without bound.
std::map<int, std::unique_ptr<Engine>>& engines() {
  static std::map<int, std::unique_ptr<Engine>> table;
  return table;
}
int next_handle = 1;
constexpr std::size_t kMaxEngines = 16;

std::string create_engine(const std::string& config_json) {
  if (engines().size() >= kMaxEngines) {
    return tessera::engine::error_envelope(tessera::Status(
        tessera::Code::kLimitExceeded, "too many engines; dispose the ones you no longer use"));
  }
  auto engine = Engine::create(config_json);
  if (!engine.ok()) return tessera::engine::error_envelope(engine.status());
  int handle = next_handle++;
  engines().emplace(handle, std::make_unique<Engine>(std::move(engine).value()));
  return tessera::engine::ok_envelope(tessera::Json{{"handle", handle}});
}

std::string call(int handle, const std::string& method, const std::string& args_json) {
  auto it = engines().find(handle);
  if (it == engines().end()) {
    return tessera::engine::error_envelope(
        tessera::Status(tessera::Code::kNotFound, "no engine with this handle"));
  }
  return it->second->call(method, args_json);
}

bool dispose_engine(int handle) { return engines().erase(handle) == 1; }

std::string version() { return "0.1.0"; }

}  // namespace

EMSCRIPTEN_BINDINGS(tessera_engine) {
  emscripten::function("createEngine", &create_engine);
  emscripten::function("call", &call);
  emscripten::function("disposeEngine", &dispose_engine);
  emscripten::function("version", &version);
}
