# petrel.cmake: CMake toolchain file for Petrel images.
#   cmake -DCMAKE_TOOLCHAIN_FILE=/path/to/petrel/sdk/petrel.cmake -B build
# Every C executable then links, through petrel-cc, into a bootable Xen PV
# image (plus IMAGE.cfg for xl). petrel-cc supplies the ABI flags, the
# headers and the link line itself, so nothing else needs configuring here.

# A bare-metal target: no Linux platform defaults (-rdynamic, shared libs).
set(CMAKE_SYSTEM_NAME Generic)
set(CMAKE_SYSTEM_PROCESSOR x86_64)

set(CMAKE_C_COMPILER "${CMAKE_CURRENT_LIST_DIR}/bin/petrel-cc")
# Assembly sources go through the same driver (gcc preprocesses .S files).
set(CMAKE_ASM_COMPILER "${CMAKE_CURRENT_LIST_DIR}/bin/petrel-cc")

# CMake's compiler checks build a test program and cannot boot it; a
# static library only needs the compiler and ar.
set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)

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
