# An overlay port of the checkout it sits in:
#   vcpkg install lambda-coro --overlay-ports=<lambda-coro>/ports        [lambda-coro[emulator]]
# Header-only: one (release) configuration; the emulator and the scripts go to tools/lambda-coro.
set(VCPKG_BUILD_TYPE release)
get_filename_component(SOURCE_PATH "${CMAKE_CURRENT_LIST_DIR}/../.." ABSOLUTE)

vcpkg_check_features(OUT_FEATURE_OPTIONS FEATURE_OPTIONS
  FEATURES
    emulator LAMBDA_CORO_BUILD_TOOLS
)

vcpkg_cmake_configure(
  SOURCE_PATH "${SOURCE_PATH}"
  OPTIONS
    "-C${SOURCE_PATH}/cmake/packaging.cmake"
    -DLAMBDA_CORO_INSTALL_CMAKEDIR=share/lambda_coro
    -DLAMBDA_CORO_INSTALL_BINDIR=tools/${PORT}
    ${FEATURE_OPTIONS}
)
vcpkg_cmake_install()
vcpkg_cmake_config_fixup(PACKAGE_NAME lambda_coro CONFIG_PATH share/lambda_coro)
vcpkg_fixup_pkgconfig()

file(INSTALL "${CMAKE_CURRENT_LIST_DIR}/usage" DESTINATION "${CURRENT_PACKAGES_DIR}/share/${PORT}")
vcpkg_install_copyright(FILE_LIST "${SOURCE_PATH}/LICENSE")
