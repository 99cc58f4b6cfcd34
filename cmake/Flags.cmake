# Named flag lists per build type. Each trade-off is written next to its flag.

set(TESSERA_WARNINGS -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor)

if(NOT EMSCRIPTEN)
  # Debug: AddressSanitizer + UndefinedBehaviorSanitizer. Roughly 2-3x slower,
  # but every GoogleTest run then doubles as a memory-safety check.
  set(TESSERA_SANITIZE_FLAGS -fsanitize=address,undefined -fno-omit-frame-pointer
                             -fno-sanitize-recover=undefined)
  add_compile_options("$<$<CONFIG:Debug>:${TESSERA_SANITIZE_FLAGS}>")
  add_link_options("$<$<CONFIG:Debug>:${TESSERA_SANITIZE_FLAGS}>")
  # Release: -O2 rather than -O3; the core is branchy JSON/state-machine code
  # where -O3's extra unrolling buys little and grows the binary.
  set(CMAKE_CXX_FLAGS_RELEASE "-O2 -DNDEBUG")
  return()
endif()

# --- WebAssembly ---------------------------------------------------------
# Compile: -Oz because bytes on the wire matter more than peak speed for a
# widget embedded in other people's pages (survey logic is not hot enough to
# pay for -O3's size). LTO lets the linker drop unused nlohmann/libsodium code.
# No RTTI: Embind then needs EMSCRIPTEN_HAS_UNBOUND_TYPE_NAMES=0 (we bind
# only plain functions on strings, so nothing is lost).
# TESSERA_WASM_OPT_LEVEL exists for measuring what the size trade-off costs in
# speed (bench/loyalty-wasm.mjs); shipped builds keep -Oz.
set(TESSERA_WASM_OPT_LEVEL -Oz CACHE STRING "Optimisation flag of the wasm build")
set(TESSERA_WASM_COMPILE_FLAGS ${TESSERA_WASM_OPT_LEVEL} -flto -fno-exceptions -fno-rtti
                               -DEMSCRIPTEN_HAS_UNBOUND_TYPE_NAMES=0)
# The optimisation level comes from the lists above, not CMake's -O3 default.
set(CMAKE_CXX_FLAGS_RELEASE "-DNDEBUG")
set(CMAKE_C_FLAGS_RELEASE "-DNDEBUG")

set(TESSERA_WASM_LINK_FLAGS
    ${TESSERA_WASM_OPT_LEVEL} -flto
    # Must match the compile flags, or the linker picks the RTTI build of
    # libembind and every bound type is reported "unbound" at run time.
    -fno-rtti -DEMSCRIPTEN_HAS_UNBOUND_TYPE_NAMES=0
    --bind
    # ES module factory (export default createTesseraCore) for web/ and Node.
    -sMODULARIZE=1 -sEXPORT_ES6=1 -sEXPORT_NAME=createTesseraCore
    # web,worker only: 3.1.6's Node support breaks inside an ES module
    # (__dirname, require). Node tests pass `wasmBinary` instead, which the
    # web loader accepts, so the bytes tested in Node are the bytes shipped.
    -sENVIRONMENT=web,worker
    # No `new Function`/eval in Embind: pages with a strict CSP (no
    # 'unsafe-eval') can load us; costs a little speed in call dispatch.
    -sDYNAMIC_EXECUTION=0
    # The core does no I/O; dropping the virtual filesystem saves ~10 KB gzip.
    -sFILESYSTEM=0
    # emmalloc is ~6 KB smaller than dlmalloc; allocation is not our hot path.
    -sMALLOC=emmalloc
    -sALLOW_MEMORY_GROWTH=1
    -sINITIAL_MEMORY=4MB
    -sTOTAL_STACK=256KB
    # No exception catching: a throw aborts. The core never throws (see
    # docs/architecture.md); failures cross the boundary as values.
    -sDISABLE_EXCEPTION_CATCHING=1
    -sASSERTIONS=0
    -sTEXTDECODER=2
    -sEXPORTED_RUNTIME_METHODS=[]
    -sINCOMING_MODULE_JS_API=[wasmBinary,locateFile,instantiateWasm]
    # Binaryen inlines every function with one caller, whatever its size, so
    # the whole engine (every call of every domain) ended up inside the one
    # Embind invoker. V8 compiles wasm lazily, per function, on first call:
    # the first engine call of a page then compiled all of it (~100 ms on
    # the 2-vCPU machine, docs/benchmarks.md). Capped at 40, only small
    # single-use helpers are inlined, a page compiles the calls it makes,
    # and the module is smaller after gzip too (286,009 -> 278,554 bytes).
    -sBINARYEN_EXTRA_PASSES=--one-caller-inline-max-function-size=40
)
set(TESSERA_WASM_DEBUG_LINK_FLAGS -O0 -g -sASSERTIONS=2 -sSAFE_HEAP=1)
