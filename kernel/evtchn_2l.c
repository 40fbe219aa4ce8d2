/*
 * 2-level event-channel ABI: pending and mask bitmaps in shared_info,
 * with a per-vcpu selector word saying which bitmap words to look at.
 */
#include "arch/irq.h"
#include "kernel/evtchn_abi.h"

#define BITS_PER_WORD 64
#define NR_WORDS (EVTCHN_MAX_PORTS / BITS_PER_WORD)

typedef unsigned long xen_word_t;

static xen_word_t *pending_words(void)
{
	return (xen_word_t *)arch_shared_info()->evtchn_pending;
}

static xen_word_t *mask_words(void)
{
	return (xen_word_t *)arch_shared_info()->evtchn_mask;
}

static xen_word_t port_bit(evtchn_port_t port)
{
	return 1UL << (port % BITS_PER_WORD);
}

static int twolevel_setup_port(evtchn_port_t port)
{
	(void)port;
	return 0;
}

static void twolevel_mask(evtchn_port_t port)
{
	__atomic_fetch_or(&mask_words()[port / BITS_PER_WORD], port_bit(port),
			  __ATOMIC_SEQ_CST);
}

static int twolevel_clear_mask(evtchn_port_t port)
{
	__atomic_fetch_and(&mask_words()[port / BITS_PER_WORD], ~port_bit(port),
			   __ATOMIC_SEQ_CST);
	return !!(__atomic_load_n(&pending_words()[port / BITS_PER_WORD],
				  __ATOMIC_SEQ_CST) &
		  port_bit(port));
}

static void handle_word(unsigned int word)
{
	xen_word_t ready =
		__atomic_load_n(&pending_words()[word], __ATOMIC_SEQ_CST) &
		~__atomic_load_n(&mask_words()[word], __ATOMIC_SEQ_CST);

	while (ready) {
		unsigned int bit = __builtin_ctzl(ready);
		evtchn_port_t port = word * BITS_PER_WORD + bit;

		ready &= ready - 1;
		/* Clear before handling so a new event is not lost. */
		__atomic_fetch_and(&pending_words()[word], ~port_bit(port),
				   __ATOMIC_SEQ_CST);
		evtchn_dispatch(port);
	}
}

static void twolevel_handle_pending(void)
{
	struct vcpu_info *v = arch_vcpu_info();
	xen_word_t sel = __atomic_exchange_n(&v->evtchn_pending_sel, 0,
					     __ATOMIC_SEQ_CST);

	while (sel) {
		unsigned int word = __builtin_ctzl(sel);

		sel &= sel - 1;
		if (word < NR_WORDS)
			handle_word(word);
	}
}

/* The restorer masked every port in the new shared_info already. */
static int twolevel_resume(void)
{
	return 0;
}

static const struct evtchn_abi twolevel_abi = {
	.name = "2-level",
	.setup_port = twolevel_setup_port,
	.mask = twolevel_mask,
	.clear_mask = twolevel_clear_mask,
	.handle_pending = twolevel_handle_pending,
	.resume = twolevel_resume,
};

int evtchn_2l_init(const struct evtchn_abi **abi)
{
	*abi = &twolevel_abi;
	return 0;
}
