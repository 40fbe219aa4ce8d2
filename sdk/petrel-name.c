/*
 * petrel-name.c: the default argv[0] for images linked without petrel-cc
 * (with pkg-config's flags). Weak, so a program, or the name object that
 * petrel-cc generates, can define its own petrel_app_name.
 */
__attribute__((weak)) const char petrel_app_name[] = "petrel-app";
