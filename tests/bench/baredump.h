#pragma once

#include <libmnl/libmnl.h>
#include <linux/inet_diag.h>
#include <linux/sock_diag.h>
#include <netinet/in.h>

#include <array>
#include <vector>

// The floor every benchmark compares with: two inet_diag_req_v2 dumps (IPv4, then IPv6) into one
// reused 32 KiB buffer, counting messages per state and nothing else. Written apart from
// sockscope's collector on purpose.
struct BareDump
{
    mnl_socket *socket = mnl_socket_open(NETLINK_SOCK_DIAG);
    unsigned seq = 1;
    std::vector<char> buffer = std::vector<char>(32768);

    BareDump() { mnl_socket_bind(socket, 0, MNL_SOCKET_AUTOPID); }
    ~BareDump() { mnl_socket_close(socket); }
    BareDump(const BareDump &) = delete;
    BareDump &operator=(const BareDump &) = delete;

    std::array<long, 16> count()
    {
        std::array<long, 16> states {};
        for (const int family : {AF_INET, AF_INET6}) {
            alignas(nlmsghdr) char request[128];
            nlmsghdr *nlh = mnl_nlmsg_put_header(request);
            nlh->nlmsg_type = SOCK_DIAG_BY_FAMILY;
            nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
            nlh->nlmsg_seq = ++seq;
            auto req = static_cast<inet_diag_req_v2 *>(mnl_nlmsg_put_extra_header(nlh, sizeof(inet_diag_req_v2)));
            req->sdiag_family = static_cast<unsigned char>(family);
            req->sdiag_protocol = IPPROTO_TCP;
            // States 1..12, as sockscope asks. Not ~0: bit 13 (TCP_BOUND_INACTIVE, 6.5+) makes
            // the kernel walk the bind hash as well.
            req->idiag_states = (1u << 13) - 2;
            mnl_socket_sendto(socket, nlh, nlh->nlmsg_len);
            bool done = false;
            while (!done) {
                int length = int(mnl_socket_recvfrom(socket, buffer.data(), buffer.size()));
                if (length <= 0)
                    return states;
                for (auto m = reinterpret_cast<const nlmsghdr *>(buffer.data()); mnl_nlmsg_ok(m, length);
                     m = mnl_nlmsg_next(m, &length)) {
                    if (m->nlmsg_type == NLMSG_DONE || m->nlmsg_type == NLMSG_ERROR) {
                        done = true;
                        break;
                    }
                    ++states[static_cast<const inet_diag_msg *>(mnl_nlmsg_get_payload(m))->idiag_state & 15];
                }
            }
        }
        return states;
    }
};
