# Generic-Determine-CXX.cmake: CMake includes this (found through the
# CMAKE_MODULE_PATH that sdk/petrel.cmake sets) when a project enables C++
# for the Generic system, before it looks for a C++ compiler. Petrel
# builds C only for now: stop here with a clear message rather than build
# a host program.
message(FATAL_ERROR
  "C++ is not supported by Petrel yet; only C sources can be "
  "built. Use project(NAME C) (and no .cc/.cpp/.cxx sources).")
