# petrel.cmake: CMake toolchain file for Petrel images.
#   cmake -DCMAKE_TOOLCHAIN_FILE=/path/to/petrel/sdk/petrel.cmake -B build
# Every C executable then links, through petrel-cc, into a bootable Xen PV
# image (plus IMAGE.cfg for xl). petrel-cc supplies the ABI flags, the
# headers and the link line itself (target_link_libraries(app m) finds the
# SDK's libm; target_link_libraries(app petrel-ext2) adds ext2/3/4 disks),
# so nothing else needs configuring here.

# A bare-metal target: no Linux platform defaults (-rdynamic, shared libs).
set(CMAKE_SYSTEM_NAME Generic)
set(CMAKE_SYSTEM_PROCESSOR x86_64)

set(CMAKE_C_COMPILER "${CMAKE_CURRENT_LIST_DIR}/bin/petrel-cc")
# Assembly sources go through the same driver (gcc preprocesses .S files).
set(CMAKE_ASM_COMPILER "${CMAKE_CURRENT_LIST_DIR}/bin/petrel-cc")

# C only, for now. CXX is petrel-cc too, which refuses C++ sources, and
# Platform/Generic-Determine-CXX.cmake (in sdk/cmake) stops the configure
# with that message as soon as a project enables CXX; without both, CMake
# would find the host's c++ and build a dynamically linked host program.
set(CMAKE_CXX_COMPILER "${CMAKE_CURRENT_LIST_DIR}/bin/petrel-cc")
list(APPEND CMAKE_MODULE_PATH "${CMAKE_CURRENT_LIST_DIR}/cmake")

# Test programs (the compiler check, check_function_exists,
# check_symbol_exists...) are linked for real, as images: a function that
# is not in the SDK's libraries fails to link, so the check says "not found".

# The same sysroot petrel-cc uses (PETREL_SYSROOT overrides it for both).
if(DEFINED ENV{PETREL_SYSROOT})
  set(PETREL_SYSROOT "$ENV{PETREL_SYSROOT}")
else()
  get_filename_component(PETREL_SYSROOT "${CMAKE_CURRENT_LIST_DIR}/../build/sysroot" ABSOLUTE)
endif()

# find_library/find_path/find_package look only in the SDK sysroot: a host
# library (glibc-built) would link but crash the guest. Programs (tools run
# at build time) still come from the host.
set(CMAKE_FIND_ROOT_PATH "${PETREL_SYSROOT}")
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)
# pkg-config (FindPkgConfig) sees only the SDK's .pc files.
set(ENV{PKG_CONFIG_LIBDIR} "${PETREL_SYSROOT}/lib/pkgconfig")
