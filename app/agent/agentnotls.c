/* libmicrohttpd without GnuTLS, for the agent's exporter.
 *
 * Why libmicrohttpd, and statically: sockscope-agent must run on a bare server with libc and
 * libmnl.so.0 only (tests/agent/check-agent-links.sh). Debian 12's cpp-httplib is not header-only
 * there (libcpp-httplib-dev ships a split httplib.h whose code is in libcpp-httplib.so.0.11, which
 * needs libssl3 and libbrotli), while libmicrohttpd-dev ships libmicrohttpd.a. That archive is
 * built with HTTPS support, so its daemon.o names GnuTLS functions; linking libgnutls.so.30 would
 * bring it and a dozen libraries it needs onto every server. The exporter serves plain HTTP (put
 * TLS in front, as with node_exporter without web-config) and never passes MHD_USE_TLS, so none of
 * these functions is reached, except gnutls_global_init/deinit, which libmicrohttpd's constructor
 * and destructor (MHD_init/MHD_fini) call unconditionally: they succeed and do nothing here. The
 * others abort rather than pretend, should a future change ever reach them. */
#include <stdlib.h>

int gnutls_global_init(void)
{
    return 0;
}

void gnutls_global_deinit(void)
{
}

/* A variable in GnuTLS (the allocator it hands to callers), read only by the PSK code. */
void *(*gnutls_malloc)(size_t) = malloc;

#define SOCKSCOPE_NO_TLS(name) \
    void name(void); \
    void name(void) { abort(); }

SOCKSCOPE_NO_TLS(gnutls_alpn_set_protocols)
SOCKSCOPE_NO_TLS(gnutls_bye)
SOCKSCOPE_NO_TLS(gnutls_certificate_allocate_credentials)
SOCKSCOPE_NO_TLS(gnutls_certificate_free_credentials)
SOCKSCOPE_NO_TLS(gnutls_certificate_server_set_request)
SOCKSCOPE_NO_TLS(gnutls_certificate_set_dh_params)
SOCKSCOPE_NO_TLS(gnutls_certificate_set_retrieve_function2)
SOCKSCOPE_NO_TLS(gnutls_certificate_set_retrieve_function3)
SOCKSCOPE_NO_TLS(gnutls_certificate_set_x509_key_mem)
SOCKSCOPE_NO_TLS(gnutls_certificate_set_x509_key_mem2)
SOCKSCOPE_NO_TLS(gnutls_certificate_set_x509_trust_mem)
SOCKSCOPE_NO_TLS(gnutls_cipher_get)
SOCKSCOPE_NO_TLS(gnutls_credentials_set)
SOCKSCOPE_NO_TLS(gnutls_deinit)
SOCKSCOPE_NO_TLS(gnutls_dh_params_deinit)
SOCKSCOPE_NO_TLS(gnutls_dh_params_import_pkcs3)
SOCKSCOPE_NO_TLS(gnutls_dh_params_init)
SOCKSCOPE_NO_TLS(gnutls_handshake)
SOCKSCOPE_NO_TLS(gnutls_init)
SOCKSCOPE_NO_TLS(gnutls_priority_deinit)
SOCKSCOPE_NO_TLS(gnutls_priority_init)
SOCKSCOPE_NO_TLS(gnutls_priority_set)
SOCKSCOPE_NO_TLS(gnutls_protocol_get_version)
SOCKSCOPE_NO_TLS(gnutls_psk_allocate_server_credentials)
SOCKSCOPE_NO_TLS(gnutls_psk_free_server_credentials)
SOCKSCOPE_NO_TLS(gnutls_psk_set_server_credentials_function)
SOCKSCOPE_NO_TLS(gnutls_record_check_pending)
SOCKSCOPE_NO_TLS(gnutls_record_get_direction)
SOCKSCOPE_NO_TLS(gnutls_record_recv)
SOCKSCOPE_NO_TLS(gnutls_record_send)
SOCKSCOPE_NO_TLS(gnutls_session_get_ptr)
SOCKSCOPE_NO_TLS(gnutls_session_set_ptr)
SOCKSCOPE_NO_TLS(gnutls_strerror)
SOCKSCOPE_NO_TLS(gnutls_transport_set_int2)
