/* The Petrel SDK's version (uname's release; petrel.pc's Version). */
#ifndef PETREL_VERSION_H
#define PETREL_VERSION_H

#define PETREL_VERSION "0.1"

#endif
