/*
 * The network, for apps. It comes up by itself on the first socket
 * call; petrel_net_wait() also brings it up and waits for an address.
 * Errors are negative errno values.
 */
#ifndef PETREL_NET_H
#define PETREL_NET_H

/*
 * Bring the network up and wait up to timeout_ms for an IPv4 address
 * on some vif: 0 once there is one, -ETIMEDOUT if none came in time,
 * -ENODEV when the domain has no vif (loopback still works).
 */
int petrel_net_wait(unsigned int timeout_ms);

#endif
