# All dependencies come from Debian packages (see scripts/setup-debian.sh).
find_package(PkgConfig REQUIRED)
find_package(yaml-cpp REQUIRED)              # tests only: a second YAML reader to compare with
pkg_check_modules(LIBYAML REQUIRED IMPORTED_TARGET yaml-0.1)  # rules and pipelines
find_package(fmt REQUIRED)
find_package(Boost 1.74 REQUIRED)            # Spirit X3 is header-only
pkg_check_modules(RE2 REQUIRED IMPORTED_TARGET re2)
pkg_check_modules(ICU REQUIRED IMPORTED_TARGET icu-uc)   # Unicode simple case folding
find_package(Threads REQUIRED)
if(TARGET yaml-cpp AND NOT TARGET yaml-cpp::yaml-cpp)
  add_library(yaml-cpp::yaml-cpp ALIAS yaml-cpp)
endif()
