/*
 * One lwIP netif per vif: started by net_start(), after the stack is
 * up, from the calling thread.
 */
#ifndef NET_VIFS_H
#define NET_VIFS_H

/* Open every vif and add its netif; a vif that fails is logged and skipped. */
void vifs_start(void);

#endif
