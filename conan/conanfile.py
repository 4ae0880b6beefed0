"""conan 2 recipe for lambda-coro, from the checkout it sits in:
    conan create conan --version 0.1.0 --build=missing
A header-only package: the headers, the single header, and the static-bootstrap helper
(lambda_coro_add_bootstrap) as a CMake build module, so that a consumer's
find_package(lambda_coro) brings it along with the lambda_coro::lambda_coro target."""
import os

from conan import ConanFile
from conan.tools.cmake import CMake, CMakeDeps, CMakeToolchain, cmake_layout
from conan.tools.files import copy, load


class LambdaCoroConan(ConanFile):
    name = "lambda-coro"
    description = "Header-only C++20 AWS Lambda custom runtime"
    license = "MIT"
    topics = ("aws", "lambda", "serverless", "coroutines", "json", "header-only")
    package_type = "header-library"
    settings = "os", "arch", "compiler", "build_type"
    no_copy_source = True

    def set_version(self):
        if not self.version:
            self.version = load(self, os.path.join(self.recipe_folder, "..", "VERSION")).strip()

    def export_sources(self):
        root = os.path.join(self.recipe_folder, "..")
        for pattern in ("CMakeLists.txt", "VERSION", "LICENSE", "include/*", "single_include/*", "cmake/*",
                        "tools/bootstrap/*", "tools/dev/simdjson-source.sh"):
            copy(self, pattern, root, self.export_sources_folder)

    def layout(self):
        cmake_layout(self)

    def requirements(self):
        self.requires("simdjson/[>=3.0 <4]")
        self.requires("boost/[>=1.81 <2]", options={"header_only": True})

    def package_id(self):
        self.info.clear()

    def generate(self):
        toolchain = CMakeToolchain(self)
        toolchain.cache_variables["LAMBDA_CORO_BUILD_TOOLS"] = False
        toolchain.cache_variables["LAMBDA_CORO_INSTALL_CMAKEDIR"] = "lib/cmake/lambda_coro"
        toolchain.generate()
        CMakeDeps(self).generate()

    def package(self):
        cmake = CMake(self)
        cmake.configure(cli_args=["-C", os.path.join(self.source_folder, "cmake", "packaging.cmake")])
        cmake.install()
        copy(self, "LICENSE", self.source_folder, os.path.join(self.package_folder, "licenses"))

    def package_info(self):
        self.cpp_info.bindirs = ["bin"]
        self.cpp_info.libdirs = []
        self.cpp_info.set_property("cmake_file_name", "lambda_coro")
        self.cpp_info.set_property("cmake_target_name", "lambda_coro::lambda_coro")
        self.cpp_info.set_property("pkg_config_name", "lambda_coro")
        self.cpp_info.requires = ["simdjson::simdjson", "boost::headers"]
        self.cpp_info.set_property("cmake_build_modules",
                                   [os.path.join("lib", "cmake", "lambda_coro", "lambda_coro_bootstrap.cmake")])
