# Third-party libraries: nlohmann_json (parsing) and libsodium (crypto).
# Exposed as tessera::json and tessera::sodium for both native and wasm builds.

if(EMSCRIPTEN)
  # Never add /usr/include to a wasm build: glibc headers break it. Point the
  # compiler at a folder that holds only nlohmann/.
  set(_tessera_json_dir ${CMAKE_BINARY_DIR}/third_party_include)
  file(MAKE_DIRECTORY ${_tessera_json_dir})
  if(NOT EXISTS ${_tessera_json_dir}/nlohmann)
    file(CREATE_LINK /usr/include/nlohmann ${_tessera_json_dir}/nlohmann SYMBOLIC)
  endif()
  add_library(tessera_json INTERFACE)
  target_include_directories(tessera_json SYSTEM INTERFACE ${_tessera_json_dir})

  if(NOT TESSERA_SODIUM_WASM_PREFIX OR NOT EXISTS ${TESSERA_SODIUM_WASM_PREFIX}/lib/libsodium.a)
    message(FATAL_ERROR "TESSERA_SODIUM_WASM_PREFIX must point at libsodium built for wasm "
                        "(run scripts/build-libsodium-wasm.sh)")
  endif()
  add_library(tessera_sodium STATIC IMPORTED)
  set_target_properties(tessera_sodium PROPERTIES
    IMPORTED_LOCATION ${TESSERA_SODIUM_WASM_PREFIX}/lib/libsodium.a
    INTERFACE_INCLUDE_DIRECTORIES ${TESSERA_SODIUM_WASM_PREFIX}/include)
else()
  find_package(nlohmann_json 3.10 REQUIRED)
  add_library(tessera_json INTERFACE)
  target_link_libraries(tessera_json INTERFACE nlohmann_json::nlohmann_json)

  find_package(PkgConfig REQUIRED)
  pkg_check_modules(SODIUM REQUIRED IMPORTED_TARGET libsodium>=1.0.18)
  add_library(tessera_sodium INTERFACE)
  target_link_libraries(tessera_sodium INTERFACE PkgConfig::SODIUM)
endif()
add_library(tessera::json ALIAS tessera_json)
add_library(tessera::sodium ALIAS tessera_sodium)
