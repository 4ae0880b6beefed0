# lambda_coro_add_bootstrap(<target> SOURCES <file>... [LIBRARIES <lib>...] [OPTIMIZE size|speed])
#
# Builds a Lambda `bootstrap` for provided.al2023: linked fully statically, with function/data
# sections, --gc-sections and stripped, as <binary dir>/<target>/bootstrap, plus a
# `<target>_zip` target that packages it as <binary dir>/<target>.zip for upload.
# OPTIMIZE size (the default) compiles the function with -Os, for the smallest binary and
# cold start; speed uses -O2, ~30 KiB more, and binds large events ~1.4x faster.
#
# simdjson must be linkable statically: set LAMBDA_CORO_SIMDJSON_SOURCE_DIR to a folder with
# simdjson's amalgamated simdjson.h and simdjson.cpp (tools/dev/simdjson-source.sh fetches
# Debian's), or provide a static simdjson::simdjson (vcpkg, conan, FetchContent).
#
# LAMBDA_CORO_BOOTSTRAP_CPU chooses the machines a bootstrap runs on:
#   lambda   (default) Lambda's own hosts. x86_64: -march=haswell, which every x86_64 Lambda host
#            has run since AVX2 support in 2020, and simdjson keeps only its haswell kernel;
#            aarch64: simdjson keeps only its NEON kernel. 90 KiB smaller than portable.
#   portable any CPU of the architecture; simdjson picks among all its kernels at run time.
include_guard(GLOBAL)

set(LAMBDA_CORO_SIMDJSON_SOURCE_DIR "" CACHE PATH "simdjson's amalgamated source, for static bootstraps")
set(LAMBDA_CORO_BOOTSTRAP_CPU "lambda" CACHE STRING "CPUs bootstraps run on: lambda or portable")
set_property(CACHE LAMBDA_CORO_BOOTSTRAP_CPU PROPERTY STRINGS lambda portable)
if(NOT LAMBDA_CORO_BOOTSTRAP_CPU MATCHES "^(lambda|portable)$")
  message(FATAL_ERROR "LAMBDA_CORO_BOOTSTRAP_CPU is '${LAMBDA_CORO_BOOTSTRAP_CPU}'; use lambda or portable")
endif()

# What a bootstrap compiles against besides the static simdjson: lambda-coro's headers and
# Boost's. A target of its own (not imported, so visible from every directory) lets
# lambda_coro_add_bootstrap() work from a parent project after add_subdirectory or
# FetchContent, where lambda-coro's imported dependencies are out of scope.
add_library(lambda_coro_bootstrap_support INTERFACE)
get_target_property(_lambda_coro_includes lambda_coro::lambda_coro INTERFACE_INCLUDE_DIRECTORIES)
target_include_directories(lambda_coro_bootstrap_support INTERFACE ${_lambda_coro_includes})
target_link_libraries(lambda_coro_bootstrap_support INTERFACE Boost::headers)
target_compile_features(lambda_coro_bootstrap_support INTERFACE cxx_std_20)

# Compile options and simdjson kernel selection for LAMBDA_CORO_BOOTSTRAP_CPU.
function(_lambda_coro_cpu_flags options_out definitions_out)
  set(options "")
  set(definitions "")
  if(LAMBDA_CORO_BOOTSTRAP_CPU STREQUAL "lambda")
    if(CMAKE_SYSTEM_PROCESSOR MATCHES "^(x86_64|AMD64|amd64)$")
      set(options -march=haswell)
      set(definitions SIMDJSON_IMPLEMENTATION_ICELAKE=0 SIMDJSON_IMPLEMENTATION_WESTMERE=0
                      SIMDJSON_IMPLEMENTATION_FALLBACK=0)
    elseif(CMAKE_SYSTEM_PROCESSOR MATCHES "^(aarch64|arm64|ARM64)$")
      set(definitions SIMDJSON_IMPLEMENTATION_FALLBACK=0)
    endif()
  endif()
  set(${options_out} ${options} PARENT_SCOPE)
  set(${definitions_out} ${definitions} PARENT_SCOPE)
endfunction()

function(_lambda_coro_static_simdjson out)
  if(LAMBDA_CORO_SIMDJSON_SOURCE_DIR)
    if(NOT TARGET lambda_coro_simdjson_static)
      add_library(lambda_coro_simdjson_static STATIC "${LAMBDA_CORO_SIMDJSON_SOURCE_DIR}/simdjson.cpp")
      target_include_directories(lambda_coro_simdjson_static SYSTEM BEFORE PUBLIC "${LAMBDA_CORO_SIMDJSON_SOURCE_DIR}")
      target_compile_features(lambda_coro_simdjson_static PUBLIC cxx_std_20)
      set_target_properties(lambda_coro_simdjson_static PROPERTIES CXX_EXTENSIONS OFF)
      # -O2, not -Os: simdjson's kernels rely on inlining; at -Os parsing is three times slower.
      target_compile_options(lambda_coro_simdjson_static PRIVATE -O2 -ffunction-sections -fdata-sections)
      # One thread per process: the bootstrap needs no simdjson threading support.
      target_compile_definitions(lambda_coro_simdjson_static PUBLIC SIMDJSON_THREADS_ENABLED=0)
      # The kernel choice is PUBLIC: the bootstrap's inline simdjson code must agree with it.
      _lambda_coro_cpu_flags(cpu_options cpu_definitions)
      target_compile_options(lambda_coro_simdjson_static PUBLIC ${cpu_options})
      target_compile_definitions(lambda_coro_simdjson_static PUBLIC ${cpu_definitions})
    endif()
    set(${out} lambda_coro_simdjson_static PARENT_SCOPE)
    return()
  endif()
  if(TARGET simdjson::simdjson)
    get_target_property(type simdjson::simdjson TYPE)
    if(type STREQUAL "STATIC_LIBRARY")
      set(${out} simdjson::simdjson PARENT_SCOPE)
      return()
    endif()
  endif()
  set(${out} "" PARENT_SCOPE)
endfunction()

function(lambda_coro_add_bootstrap target)
  cmake_parse_arguments(PARSE_ARGV 1 arg "" "OPTIMIZE" "SOURCES;LIBRARIES")
  if(NOT arg_OPTIMIZE)
    set(arg_OPTIMIZE size)
  endif()
  if(NOT arg_OPTIMIZE MATCHES "^(size|speed)$")
    message(FATAL_ERROR "lambda_coro_add_bootstrap(${target}): OPTIMIZE is '${arg_OPTIMIZE}'; use size or speed")
  endif()
  _lambda_coro_static_simdjson(simdjson_static)
  if(NOT simdjson_static)
    message(FATAL_ERROR "lambda_coro_add_bootstrap(${target}): needs a static simdjson. Set "
                        "LAMBDA_CORO_SIMDJSON_SOURCE_DIR (tools/dev/simdjson-source.sh DIR fetches "
                        "Debian's amalgamated source) or provide a static simdjson::simdjson.")
  endif()
  add_executable(${target} ${arg_SOURCES})
  if(NOT simdjson_static STREQUAL "lambda_coro_simdjson_static")
    # A prebuilt simdjson keeps its kernels; only the bootstrap's own code follows the CPU choice.
    _lambda_coro_cpu_flags(cpu_options cpu_definitions)
    target_compile_options(${target} PRIVATE ${cpu_options})
  endif()
  # lambda-coro's small terminate handler in place of libstdc++'s verbose one (libc++ has none
  # to replace): defined by the function's own source when it has one, else by a TU of its own.
  include(CheckCXXSymbolExists)
  check_cxx_symbol_exists(__GLIBCXX__ "cstddef" LAMBDA_CORO_HAS_LIBSTDCXX)
  list(LENGTH arg_SOURCES source_count)
  if(LAMBDA_CORO_HAS_LIBSTDCXX AND source_count EQUAL 1)
    set_property(SOURCE ${arg_SOURCES} TARGET_DIRECTORY ${target} APPEND PROPERTY
                 COMPILE_DEFINITIONS LAMBDA_CORO_DEFINE_TERMINATE_HANDLER)
  elseif(LAMBDA_CORO_HAS_LIBSTDCXX)
    target_sources(${target} PRIVATE "${CMAKE_CURRENT_FUNCTION_LIST_DIR}/lambda_coro_bootstrap_terminate.cpp")
  endif()
  # The static simdjson's headers come first, so its header and its code are one version.
  target_link_libraries(${target} PRIVATE ${simdjson_static} lambda_coro_bootstrap_support ${arg_LIBRARIES})
  target_compile_options(${target} PRIVATE $<IF:$<STREQUAL:${arg_OPTIMIZE},speed>,-O2,-Os>
                                           -ffunction-sections -fdata-sections)
  target_link_options(${target} PRIVATE -static -Wl,--gc-sections -s)
  set_target_properties(${target} PROPERTIES
    CXX_EXTENSIONS OFF  # -std=c++20, as lambda-coro-bootstrap and Meson compile it: the same binary
    OUTPUT_NAME bootstrap
    RUNTIME_OUTPUT_DIRECTORY "${CMAKE_CURRENT_BINARY_DIR}/${target}")
  add_custom_command(OUTPUT "${CMAKE_CURRENT_BINARY_DIR}/${target}.zip"
    COMMAND ${CMAKE_COMMAND} -E tar cf "${CMAKE_CURRENT_BINARY_DIR}/${target}.zip" --format=zip bootstrap
    WORKING_DIRECTORY "${CMAKE_CURRENT_BINARY_DIR}/${target}"
    DEPENDS ${target}
    COMMENT "Packaging ${target}.zip for provided.al2023")
  add_custom_target(${target}_zip DEPENDS "${CMAKE_CURRENT_BINARY_DIR}/${target}.zip")
endfunction()
