<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>CommandLineOptions</name>
    <message>
        <source>Shows what the Linux TCP stack does with its sockets, live: states, TIME-WAIT per port, slab memory, counters, and the sysctls that govern them.</source>
        <translation>实时显示 Linux TCP 协议栈如何处理其套接字：各状态数量、各端口的 TIME-WAIT、slab 内存、计数器，以及控制它们的 sysctl 参数。</translation>
    </message>
    <message>
        <source>Print one snapshot and exit.</source>
        <translation>输出一次快照后退出。</translation>
    </message>
    <message>
        <source>Output of --once: text or json.</source>
        <translation>--once 的输出格式：text 或 json。</translation>
    </message>
    <message>
        <source>format</source>
        <translation>格式</translation>
    </message>
    <message>
        <source>How many ports and port tuples to list (default 10).</source>
        <translation>列出多少个端口和端口元组（默认 10）。</translation>
    </message>
    <message>
        <source>N</source>
        <translation>N</translation>
    </message>
    <message>
        <source>With --once --format json: list every socket.</source>
        <translation>与 --once --format json 一起使用：列出每个套接字。</translation>
    </message>
    <message>
        <source>Observe another network namespace: a name under /var/run/netns or a path such as /proc/PID/ns/net.</source>
        <translation>观察另一个网络命名空间：/var/run/netns 下的名称，或 /proc/PID/ns/net 之类的路径。</translation>
    </message>
    <message>
        <source>name|path</source>
        <translation>名称|路径</translation>
    </message>
    <message>
        <source>Only these TCP states, filtered in the kernel (comma-separated, e.g. time-wait,established).</source>
        <translation>只看这些 TCP 状态，由内核过滤（逗号分隔，例如 time-wait,established）。</translation>
    </message>
    <message>
        <source>list</source>
        <translation>列表</translation>
    </message>
    <message>
        <source>Seconds between refreshes, 0.25 to 10 (default 1). With --once: take two snapshots this far apart and report per-second rates.</source>
        <translation>两次刷新之间的秒数，0.25 到 10（默认 1）。与 --once 一起使用时：相隔这么久取两次快照，并给出每秒速率。</translation>
    </message>
    <message>
        <source>seconds</source>
        <translation>秒</translation>
    </message>
    <message>
        <source>Language: zh_CN or en (default: the desktop&apos;s).</source>
        <translation>界面语言：zh_CN 或 en（默认跟随桌面）。</translation>
    </message>
    <message>
        <source>language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>Render the window after --samples refreshes, save it as PNG and exit.</source>
        <translation>在 --samples 次刷新后渲染窗口，保存为 PNG 并退出。</translation>
    </message>
    <message>
        <source>file.png</source>
        <translation>文件.png</translation>
    </message>
    <message>
        <source>With --screenshot: one part of the window (%1).</source>
        <translation>与 --screenshot 一起使用：只截取窗口的某一部分（%1）。</translation>
    </message>
    <message>
        <source>name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>With --screenshot or --benchmark: refreshes to wait for (default 3).</source>
        <translation>与 --screenshot 或 --benchmark 一起使用：等待的刷新次数（默认 3）。</translation>
    </message>
    <message>
        <source>Run the window for --samples refreshes and print the GUI-thread time of each refresh and the peak memory.</source>
        <translation>运行窗口 --samples 次刷新，输出每次刷新在 GUI 线程上的耗时和内存峰值。</translation>
    </message>
    <message>
        <source>Unexpected argument &quot;%1&quot;.</source>
        <translation>多余的参数“%1”。</translation>
    </message>
    <message>
        <source>Unknown format &quot;%1&quot;: use text or json.</source>
        <translation>未知格式“%1”：请使用 text 或 json。</translation>
    </message>
    <message>
        <source>--format applies to --once.</source>
        <translation>--format 只能与 --once 一起使用。</translation>
    </message>
    <message>
        <source>--top needs a whole number from 0 to 65536, not &quot;%1&quot;.</source>
        <translation>--top 需要 0 到 65536 之间的整数，而不是“%1”。</translation>
    </message>
    <message>
        <source>--sockets applies to --once --format json.</source>
        <translation>--sockets 只能与 --once --format json 一起使用。</translation>
    </message>
    <message>
        <source>--netns needs a name or a path.</source>
        <translation>--netns 需要一个名称或路径。</translation>
    </message>
    <message>
        <source>Unknown TCP state &quot;%1&quot;.</source>
        <translation>未知的 TCP 状态“%1”。</translation>
    </message>
    <message>
        <source>--interval needs seconds from 0.25 to 10, not &quot;%1&quot;.</source>
        <translation>--interval 需要 0.25 到 10 之间的秒数，而不是“%1”。</translation>
    </message>
    <message>
        <source>--screenshot needs a file name ending in .png.</source>
        <translation>--screenshot 需要以 .png 结尾的文件名。</translation>
    </message>
    <message>
        <source>Unknown view &quot;%1&quot;: use one of %2.</source>
        <translation>未知的视图“%1”：请使用 %2 之一。</translation>
    </message>
    <message>
        <source>--view applies to --screenshot.</source>
        <translation>--view 只能与 --screenshot 一起使用。</translation>
    </message>
    <message>
        <source>--samples needs a whole number from 1 to 100000, not &quot;%1&quot;.</source>
        <translation>--samples 需要 1 到 100000 之间的整数，而不是“%1”。</translation>
    </message>
    <message>
        <source>--screenshot and --benchmark run the window; they do not go with --once.</source>
        <translation>--screenshot 和 --benchmark 会运行窗口，不能与 --once 一起使用。</translation>
    </message>
    <message>
        <source>Unknown language &quot;%1&quot;: use zh_CN or en.</source>
        <translation>未知语言“%1”：请使用 zh_CN 或 en。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>About sockscope</source>
        <translation>关于 sockscope</translation>
    </message>
    <message>
        <source>&lt;h3&gt;sockscope %1&lt;/h3&gt;&lt;p&gt;Shows what the Linux TCP stack does with its sockets, and explains the sysctls that govern TIME-WAIT.&lt;/p&gt;&lt;p&gt;Reads the kernel through sock_diag netlink and /proc; changes sysctls only through its polkit-authorised helper.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;sockscope %1&lt;/h3&gt;&lt;p&gt;显示 Linux TCP 协议栈如何处理其套接字，并解释控制 TIME-WAIT 的 sysctl 参数。&lt;/p&gt;&lt;p&gt;通过 sock_diag netlink 和 /proc 读取内核信息；只通过经 polkit 授权的辅助程序修改 sysctl。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;Cannot read the socket table:&lt;/b&gt; %1</source>
        <translation>&lt;b&gt;无法读取套接字表：&lt;/b&gt;%1</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Host %1, kernel %2</source>
        <translation>主机 %1，内核 %2</translation>
    </message>
    <message>
        <source>Namespace %1 %2</source>
        <translation>命名空间 %1 %2</translation>
    </message>
    <message>
        <source>current</source>
        <translation>当前</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>Refresh %1 ms, skipped %2</source>
        <translation>刷新耗时 %1 毫秒，跳过 %2 次</translation>
    </message>
    <message>
        <source>Waiting for the first sample</source>
        <translation>等待第一次采样</translation>
    </message>
    <message>
        <source>Slab: exact (slabinfo)</source>
        <translation>Slab：精确值（slabinfo）</translation>
    </message>
    <message>
        <source>Slab: estimates (slabinfo needs root)</source>
        <translation>Slab：估算值（读取 slabinfo 需要 root）</translation>
    </message>
    <message>
        <source>Rows %1 of %2</source>
        <translation>显示 %1 行，共 %2 行</translation>
    </message>
    <message>
        <source>sockscope — TCP sockets and TIME-WAIT</source>
        <translation>sockscope — TCP 套接字与 TIME-WAIT</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <extracomment>Menu title; keep &quot;Language&quot; recognisable for people who cannot read the current language</extracomment>
        <translation>语言 Language(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>Pause or resume sampling (Space)</source>
        <translation>暂停或继续采样（空格键）</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>Reset layout</source>
        <translation>恢复默认布局</translation>
    </message>
    <message>
        <source>&amp;About sockscope</source>
        <translation>关于 sockscope(&amp;A)</translation>
    </message>
    <message>
        <source>Sampling</source>
        <translation>采样</translation>
    </message>
    <message>
        <source> Refresh every </source>
        <translation> 刷新间隔 </translation>
    </message>
    <message>
        <source> Show the last </source>
        <translation> 显示最近 </translation>
    </message>
    <message>
        <source>0.25 s</source>
        <translation>0.25 秒</translation>
    </message>
    <message>
        <source>0.5 s</source>
        <translation>0.5 秒</translation>
    </message>
    <message>
        <source>1 s</source>
        <translation>1 秒</translation>
    </message>
    <message>
        <source>2 s</source>
        <translation>2 秒</translation>
    </message>
    <message>
        <source>5 s</source>
        <translation>5 秒</translation>
    </message>
    <message>
        <source>10 s</source>
        <translation>10 秒</translation>
    </message>
    <message>
        <source>1 minute</source>
        <translation>1 分钟</translation>
    </message>
    <message>
        <source>5 minutes</source>
        <translation>5 分钟</translation>
    </message>
    <message>
        <source>15 minutes</source>
        <translation>15 分钟</translation>
    </message>
    <message>
        <source>1 hour</source>
        <translation>1 小时</translation>
    </message>
    <message>
        <source>Sockets by state</source>
        <translation>各状态套接字</translation>
    </message>
    <message>
        <source>Overview</source>
        <translation>概览</translation>
    </message>
    <message>
        <source>TIME-WAIT per port</source>
        <translation>各端口 TIME-WAIT</translation>
    </message>
    <message>
        <source>Slab memory</source>
        <translation>Slab 内存</translation>
    </message>
    <message>
        <source>Counter rates</source>
        <translation>计数器速率</translation>
    </message>
</context>
<context>
    <name>NetworkNamespace</name>
    <message>
        <source>Empty network namespace name.</source>
        <translation>网络命名空间名称为空。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a network namespace name.</source>
        <translation>“%1”不是网络命名空间名称。</translation>
    </message>
    <message>
        <source>Cannot open network namespace %1: %2.</source>
        <translation>无法打开网络命名空间 %1：%2。</translation>
    </message>
    <message>
        <source>%1 is not a network namespace.</source>
        <translation>%1 不是网络命名空间。</translation>
    </message>
    <message>
        <source>current</source>
        <translation>当前</translation>
    </message>
    <message>
        <source>Not allowed to enter network namespace %1 (needs CAP_SYS_ADMIN over it).</source>
        <translation>无权进入网络命名空间 %1（需要对其拥有 CAP_SYS_ADMIN）。</translation>
    </message>
    <message>
        <source>Cannot enter network namespace %1: %2.</source>
        <translation>无法进入网络命名空间 %1：%2。</translation>
    </message>
</context>
<context>
    <name>OnceCommand</name>
    <message>
        <source>Cannot write to standard output.</source>
        <translation>无法写入标准输出。</translation>
    </message>
    <message>
        <source>Writing the snapshot failed: %1.</source>
        <translation>写出快照失败：%1。</translation>
    </message>
</context>
<context>
    <name>OverviewPanel</name>
    <message>
        <source>Sockets</source>
        <translation>套接字</translation>
    </message>
    <message>
        <source>TIME-WAIT</source>
        <translation>TIME-WAIT</translation>
    </message>
    <message>
        <source>Slab memory</source>
        <translation>Slab 内存</translation>
    </message>
    <message>
        <source>Per second</source>
        <translation>每秒</translation>
    </message>
    <message>
        <source>Overflow</source>
        <translation>溢出</translation>
    </message>
    <message>
        <source>Ephemeral ports</source>
        <translation>临时端口</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>TIME-WAIT entries against tcp_max_tw_buckets. Past it, closing sockets skip TIME-WAIT and TCPTimeWaitOverflow counts them.</source>
        <translation>TIME-WAIT 条目数与 tcp_max_tw_buckets 之比。超过上限后，关闭的套接字不再进入 TIME-WAIT，由 TCPTimeWaitOverflow 计数。</translation>
    </message>
    <message>
        <source>Local ports in use towards the busiest destination, against the size of ip_local_port_range. When it is full, connect() fails with EADDRNOTAVAIL.</source>
        <translation>连往最繁忙目的地址所占用的本地端口数，与 ip_local_port_range 大小之比。用满后，connect() 会以 EADDRNOTAVAIL 失败。</translation>
    </message>
    <message>
        <source>%1 (IPv4 %2, IPv6 %3); %4 established</source>
        <translation>%1 个（IPv4 %2，IPv6 %3）；已建立连接 %4 个</translation>
    </message>
    <message>
        <source>%1 of tcp_max_tw_buckets %2</source>
        <translation>%1，上限 tcp_max_tw_buckets 为 %2</translation>
    </message>
    <message>
        <source>TIME-WAIT %1 of %2 for all TCP sockets (host-wide, slabinfo)</source>
        <translation>TIME-WAIT 占 %1，全部 TCP 套接字共 %2（整机，来自 slabinfo）</translation>
    </message>
    <message>
        <source>TIME-WAIT ≈ %1 of ≈ %2 for all TCP sockets (estimate)</source>
        <translation>TIME-WAIT 约 %1，全部 TCP 套接字约 %2（估算）</translation>
    </message>
    <message>
        <source>%1 enter TIME-WAIT, %2 connections opened, %3 accepted</source>
        <translation>进入 TIME-WAIT %1 个，主动建立连接 %2 个，被动接受 %3 个</translation>
    </message>
    <message>
        <source>after the next refresh</source>
        <translation>下次刷新后显示</translation>
    </message>
    <message>
        <source>%1 per second now, %2 since boot (TCPTimeWaitOverflow)</source>
        <translation>当前每秒 %1 次，开机以来共 %2 次（TCPTimeWaitOverflow）</translation>
    </message>
    <message>
        <source>busiest: %1 → %2 uses %3 of %4</source>
        <translation>最繁忙：%1 → %2 占用 %3 个，共 %4 个</translation>
    </message>
    <message>
        <source>none in use (range %1–%2)</source>
        <translation>未占用（范围 %1–%2）</translation>
    </message>
    <message>
        <source>ip_local_port_range unreadable</source>
        <translation>无法读取 ip_local_port_range</translation>
    </message>
    <message>
        <source>%1 ms (netlink dump %2 ms)%3</source>
        <translation>%1 毫秒（netlink 转储 %2 毫秒）%3</translation>
    </message>
    <message>
        <source>; the table changed during the dump</source>
        <translation>；转储期间套接字表发生了变化</translation>
    </message>
</context>
<context>
    <name>PortChartPanel</name>
    <message>
        <source>By local port</source>
        <translation>按本地端口</translation>
    </message>
    <message>
        <source>TIME-WAIT held on this host&apos;s own port: this host closed first, as an HTTP server does.</source>
        <translation>占用本机自身端口的 TIME-WAIT：本机先关闭了连接，就像 HTTP 服务器那样。</translation>
    </message>
    <message>
        <source>By remote port</source>
        <translation>按远端端口</translation>
    </message>
    <message>
        <source>TIME-WAIT towards a remote port: this host closed first as a client. Each entry keeps one local port busy for 60 s.</source>
        <translation>指向远端端口的 TIME-WAIT：本机作为客户端先关闭了连接。每个条目会让一个本地端口被占用 60 秒。</translation>
    </message>
    <message>
        <source>TIME-WAIT by remote port, now</source>
        <translation>当前各远端端口的 TIME-WAIT</translation>
    </message>
    <message>
        <source>TIME-WAIT by local port, now</source>
        <translation>当前各本地端口的 TIME-WAIT</translation>
    </message>
    <message>
        <source>TIME-WAIT</source>
        <translation>TIME-WAIT</translation>
    </message>
    <message>
        <source>Those remote ports over time</source>
        <translation>这些远端端口随时间的变化</translation>
    </message>
    <message>
        <source>Those ports over time</source>
        <translation>这些端口随时间的变化</translation>
    </message>
</context>
<context>
    <name>ProcNetCountersParser</name>
    <message>
        <source>%1: %2 column names but %3 values.</source>
        <translation>%1：有 %2 个列名，却有 %3 个数值。</translation>
    </message>
    <message>
        <source>%1 %2: &quot;%3&quot; is not a number.</source>
        <translation>%1 %2：“%3”不是数字。</translation>
    </message>
</context>
<context>
    <name>RateChartPanel</name>
    <message>
        <source>TIME-WAIT counters, per second</source>
        <translation>TIME-WAIT 相关计数器（每秒）</translation>
    </message>
    <message>
        <source>TcpExt counters per second:
TW — sockets that entered TIME-WAIT
TCPTimeWaitOverflow — closes that got no TIME-WAIT: tcp_max_tw_buckets reached
TWKilled — entries put in with a timeout of 4 s or less
TWRecycled — TIME-WAIT 4-tuples reused by connect() (tcp_tw_reuse)</source>
        <translation>每秒的 TcpExt 计数器：
TW — 进入 TIME-WAIT 的套接字
TCPTimeWaitOverflow — 因达到 tcp_max_tw_buckets 而未进入 TIME-WAIT 的关闭
TWKilled — 超时时间不超过 4 秒的条目
TWRecycled — 被 connect() 重用的 TIME-WAIT 四元组（tcp_tw_reuse）</translation>
    </message>
    <message>
        <source>&lt;b&gt;TIME-WAIT table full:&lt;/b&gt; %1 closes per second get no TIME-WAIT because tcp_max_tw_buckets is reached (TcpExt TCPTimeWaitOverflow, once logged as &quot;TCP: time wait bucket table overflow&quot;).</source>
        <translation>&lt;b&gt;TIME-WAIT 表已满：&lt;/b&gt;每秒有 %1 次关闭因达到 tcp_max_tw_buckets 而没有进入 TIME-WAIT（TcpExt TCPTimeWaitOverflow，旧内核会记录日志 &quot;TCP: time wait bucket table overflow&quot;）。</translation>
    </message>
</context>
<context>
    <name>SlabChartPanel</name>
    <message>
        <source>Slab memory of TCP sockets</source>
        <translation>TCP 套接字的 slab 内存</translation>
    </message>
    <message>
        <source>TIME-WAIT (tw_sock_TCP, v6)</source>
        <extracomment>Chart series: memory of sockets in TIME-WAIT (slab caches tw_sock_TCP and tw_sock_TCPv6)</extracomment>
        <translation>TIME-WAIT（tw_sock_TCP、v6）</translation>
    </message>
    <message>
        <source>sockets (TCP, TCPv6)</source>
        <translation>套接字（TCP、TCPv6）</translation>
    </message>
    <message>
        <source>half-open (request_sock_TCP, v6)</source>
        <translation>半连接（request_sock_TCP、v6）</translation>
    </message>
    <message>
        <source>%1 — estimate</source>
        <translation>%1 — 估算</translation>
    </message>
    <message>
        <source>&lt;b&gt;Estimated:&lt;/b&gt; %1. Figures are this namespace&apos;s sockets × this kernel&apos;s object sizes; run as root for the kernel&apos;s own figures.</source>
        <translation>&lt;b&gt;估算值：&lt;/b&gt;%1。数值为本命名空间的套接字数 × 本内核的对象大小；以 root 运行可得到内核自身的统计。</translation>
    </message>
    <message>
        <source>bytes</source>
        <translation>字节</translation>
    </message>
    <message>
        <source>GiB</source>
        <translation>GiB</translation>
    </message>
    <message>
        <source>MiB</source>
        <translation>MiB</translation>
    </message>
    <message>
        <source>KiB</source>
        <translation>KiB</translation>
    </message>
</context>
<context>
    <name>SlabEstimator</name>
    <message>
        <source>socket counts of this namespace × object sizes from this kernel&apos;s BTF (struct size plus SLUB&apos;s free pointer, in 64-byte cache lines)</source>
        <translation>本命名空间的套接字数 × 从本内核 BTF 得到的对象大小（结构体大小加上 SLUB 的空闲指针，按 64 字节缓存行对齐）</translation>
    </message>
    <message>
        <source>socket counts of this namespace × typical x86-64 object sizes (this kernel exposes no BTF)</source>
        <translation>本命名空间的套接字数 × 典型的 x86-64 对象大小（本内核未提供 BTF）</translation>
    </message>
</context>
<context>
    <name>SlabinfoParser</name>
    <message>
        <source>Unknown /proc/slabinfo format (expected version 2.x).</source>
        <translation>/proc/slabinfo 格式未知（应为 2.x 版本）。</translation>
    </message>
    <message>
        <source>Malformed /proc/slabinfo row for %1.</source>
        <translation>/proc/slabinfo 中 %1 这一行格式错误。</translation>
    </message>
    <message>
        <source>Malformed number in the /proc/slabinfo row for %1.</source>
        <translation>/proc/slabinfo 中 %1 这一行的数字格式错误。</translation>
    </message>
</context>
<context>
    <name>SnapshotCollector</name>
    <message>
        <source>Cannot read /proc/net/sockstat: %1.</source>
        <translation>无法读取 /proc/net/sockstat：%1。</translation>
    </message>
    <message>
        <source>/proc/net/sockstat has no readable TCP line.</source>
        <translation>/proc/net/sockstat 中没有可读的 TCP 行。</translation>
    </message>
    <message>
        <source>Cannot read /proc/net/%1: %2.</source>
        <translation>无法读取 /proc/net/%1：%2。</translation>
    </message>
    <message>
        <source>/proc/net/%1 is malformed: %2</source>
        <translation>/proc/net/%1 格式错误：%2</translation>
    </message>
    <message>
        <source>/proc/slabinfo is readable by root only</source>
        <translation>/proc/slabinfo 只有 root 可读</translation>
    </message>
    <message>
        <source>cannot read /proc/slabinfo: %1</source>
        <translation>无法读取 /proc/slabinfo：%1</translation>
    </message>
    <message>
        <source>Slab memory is estimated: %1.</source>
        <translation>Slab 内存为估算值：%1。</translation>
    </message>
</context>
<context>
    <name>SnapshotTextWriter</name>
    <message>
        <source>sockscope %1 — host %2, kernel %3, network namespace %4 (%5), %6
</source>
        <translation>sockscope %1 — 主机 %2，内核 %3，网络命名空间 %4（%5），%6
</translation>
    </message>
    <message>
        <source>TCP sockets: %1 (IPv4 %2, IPv6 %3), listed in %4 ms%5
</source>
        <translation>TCP 套接字：%1 个（IPv4 %2，IPv6 %3），列举耗时 %4 毫秒%5
</translation>
    </message>
    <message>
        <source> — inconsistent: the table changed during the dump</source>
        <translation> — 不一致：转储期间套接字表发生了变化</translation>
    </message>
    <message>
        <source>States: %1
</source>
        <translation>状态：%1
</translation>
    </message>
    <message>
        <source>TIME-WAIT: %1 of tcp_max_tw_buckets %2 (%3%)
</source>
        <translation>TIME-WAIT：%1，上限 tcp_max_tw_buckets 为 %2（%3%）
</translation>
    </message>
    <message>
        <source>TIME-WAIT: %1
</source>
        <translation>TIME-WAIT：%1
</translation>
    </message>
    <message>
        <source>  by local port:  %1
</source>
        <translation>  按本地端口：%1
</translation>
    </message>
    <message>
        <source>  by remote port: %1
</source>
        <translation>  按远端端口：%1
</translation>
    </message>
    <message>
        <source>Ephemeral ports %1–%2 (%3 per destination):</source>
        <translation>临时端口 %1–%2（每个目的地址 %3 个）：</translation>
    </message>
    <message>
        <source> none in use
</source>
        <translation>未占用
</translation>
    </message>
    <message>
        <source> busiest %1 → %2 uses %3 (%4%)
</source>
        <translation>最繁忙的 %1 → %2 占用 %3 个（%4%）
</translation>
    </message>
    <message>
        <source>sockstat: inuse %1, orphan %2, tw %3, alloc %4, mem %5 pages
</source>
        <translation>sockstat：inuse %1，orphan %2，tw %3，alloc %4，mem %5 页
</translation>
    </message>
    <message>
        <source>%1 %2 objects, %3%4</source>
        <translation>%1 %2 个对象，%3%4</translation>
    </message>
    <message>
        <source> (estimate)</source>
        <translation>（估算）</translation>
    </message>
    <message>
        <source>Slab: %1
</source>
        <translation>Slab：%1
</translation>
    </message>
    <message>
        <source>  estimated (%1): %2
</source>
        <translation>  估算（%1）：%2
</translation>
    </message>
    <message>
        <source>Counters: %1
</source>
        <translation>计数器：%1
</translation>
    </message>
    <message>
        <source>Per second over %1 s: %2
</source>
        <translation>%1 秒内的每秒速率：%2
</translation>
    </message>
    <message>
        <source>(not present on this kernel)</source>
        <translation>（本内核没有此参数）</translation>
    </message>
    <message>
        <source>(unreadable: %1)</source>
        <translation>（无法读取：%1）</translation>
    </message>
    <message>
        <source>Sysctls:
%1
</source>
        <translation>Sysctl 参数：
%1
</translation>
    </message>
    <message>
        <source>Warning: %1
</source>
        <translation>警告：%1
</translation>
    </message>
</context>
<context>
    <name>SockDiagCollector</name>
    <message>
        <source>This kernel has no socket diagnostics (NETLINK_SOCK_DIAG): %1.</source>
        <translation>本内核不支持套接字诊断（NETLINK_SOCK_DIAG）：%1。</translation>
    </message>
    <message>
        <source>Cannot open a sock_diag netlink socket: %1.</source>
        <translation>无法打开 sock_diag netlink 套接字：%1。</translation>
    </message>
    <message>
        <source>Cannot bind the sock_diag netlink socket: %1.</source>
        <translation>无法绑定 sock_diag netlink 套接字：%1。</translation>
    </message>
    <message>
        <source>The socket table changed during two dumps in a row (NLM_F_DUMP_INTR); counts may be off by the connections that came and went.</source>
        <translation>连续两次转储期间套接字表都发生了变化（NLM_F_DUMP_INTR）；计数可能与期间新建和关闭的连接数有出入。</translation>
    </message>
    <message>
        <source>Netlink replies were lost twice in a row (ENOBUFS); this snapshot misses some sockets.</source>
        <translation>连续两次丢失 netlink 应答（ENOBUFS）；本快照缺少部分套接字。</translation>
    </message>
    <message>
        <source>This kernel cannot list TCP sockets: the inet_diag/tcp_diag support is missing (try `modprobe tcp_diag`).</source>
        <translation>本内核无法列出 TCP 套接字：缺少 inet_diag/tcp_diag 支持（可尝试 `modprobe tcp_diag`）。</translation>
    </message>
    <message>
        <source>IPv6 TCP sockets cannot be listed on this kernel (IPv6 disabled or inet6 diagnostics missing); only IPv4 is shown.</source>
        <translation>本内核无法列出 IPv6 TCP 套接字（IPv6 已禁用或缺少 inet6 诊断支持）；只显示 IPv4。</translation>
    </message>
    <message>
        <source>Cannot send the sock_diag request: %1.</source>
        <translation>无法发送 sock_diag 请求：%1。</translation>
    </message>
    <message>
        <source>A sock_diag reply did not fit the %1-byte receive buffer.</source>
        <translation>sock_diag 应答超出了 %1 字节的接收缓冲区。</translation>
    </message>
    <message>
        <source>The kernel stopped answering the socket dump for %1 s.</source>
        <translation>内核已有 %1 秒没有回应套接字转储。</translation>
    </message>
    <message>
        <source>Reading the sock_diag reply failed: %1.</source>
        <translation>读取 sock_diag 应答失败：%1。</translation>
    </message>
    <message>
        <source>The kernel refused the %1 socket dump: %2.</source>
        <translation>内核拒绝了 %1 套接字转储：%2。</translation>
    </message>
</context>
<context>
    <name>SockDiagDatagramParser</name>
    <message>
        <source>The kernel sent a truncated netlink error message.</source>
        <translation>内核发来了截断的 netlink 错误消息。</translation>
    </message>
    <message>
        <source>Truncated sock_diag message: %1 bytes of payload, %2 expected.</source>
        <translation>sock_diag 消息被截断：负载 %1 字节，应为 %2 字节。</translation>
    </message>
    <message>
        <source>Malformed attribute in a sock_diag message.</source>
        <translation>sock_diag 消息中的属性格式错误。</translation>
    </message>
    <message numerus="yes">
        <source>Truncated netlink message: %n byte(s) left that do not form a whole message.</source>
        <translation>
            <numerusform>netlink 消息被截断：剩余 %n 字节不足一条完整消息。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SocketFilter</name>
    <message>
        <source>Unknown TCP state &quot;%1&quot;.</source>
        <translation>未知的 TCP 状态“%1”。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a port number.</source>
        <translation>“%1”不是端口号。</translation>
    </message>
    <message>
        <source>Unknown filter &quot;%1:&quot;; use state:, port:, sport:, dport: or addr:.</source>
        <translation>未知的过滤条件“%1:”；请使用 state:、port:、sport:、dport: 或 addr:。</translation>
    </message>
    <message>
        <source>Words are combined with AND, several words of one kind with OR:
  time-wait, estab, state:listen — TCP state
  80, port:80 — local or remote port; sport:80 local, dport:443 remote
  ipv4, ipv6 — address family
  10.0.0, [::1] — text in the local or remote address</source>
        <translation>不同种类的条件取“与”，同一种类的多个条件取“或”：
  time-wait、estab、state:listen — TCP 状态
  80、port:80 — 本地或远端端口；sport:80 本地，dport:443 远端
  ipv4、ipv6 — 地址族
  10.0.0、[::1] — 本地或远端地址中包含的文字</translation>
    </message>
</context>
<context>
    <name>SocketTableModel</name>
    <message>
        <source>TIME-WAIT lasts 60 s (TCP_TIMEWAIT_LEN); the timer restarts if a segment arrives in the old connection&apos;s window.</source>
        <translation>TIME-WAIT 持续 60 秒（TCP_TIMEWAIT_LEN）；若旧连接窗口内又收到报文段，计时器会重新开始。</translation>
    </message>
    <message>
        <source>retransmit</source>
        <extracomment>Socket timer kind: retransmission (or SYN-ACK) timer</extracomment>
        <translation>重传</translation>
    </message>
    <message>
        <source>keepalive</source>
        <translation>保活</translation>
    </message>
    <message>
        <source>TIME-WAIT</source>
        <translation>TIME-WAIT</translation>
    </message>
    <message>
        <source>window probe</source>
        <extracomment>Socket timer kind: zero-window probe</extracomment>
        <translation>窗口探测</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>Bytes not yet acknowledged by the peer; for a listener, its backlog.</source>
        <translation>尚未被对端确认的字节数；对监听套接字而言是其 backlog。</translation>
    </message>
    <message>
        <source>Bytes not yet read by the application; for a listener, connections waiting for accept().</source>
        <translation>应用尚未读取的字节数；对监听套接字而言是等待 accept() 的连接数。</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Local</source>
        <translation>本地</translation>
    </message>
    <message>
        <source>Remote</source>
        <translation>远端</translation>
    </message>
    <message>
        <source>Timer</source>
        <translation>计时器</translation>
    </message>
    <message>
        <source>Time left</source>
        <translation>剩余时间</translation>
    </message>
    <message>
        <source>Recv-Q</source>
        <translation>Recv-Q</translation>
    </message>
    <message>
        <source>Send-Q</source>
        <translation>Send-Q</translation>
    </message>
    <message>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>Inode</source>
        <translation>Inode</translation>
    </message>
</context>
<context>
    <name>SocketTablePanel</name>
    <message>
        <source>Filter: time-wait  80  sport:443  10.0.0  ipv6 …</source>
        <translation>过滤：time-wait  80  sport:443  10.0.0  ipv6 …</translation>
    </message>
    <message>
        <source>%1 of %2 sockets</source>
        <translation>显示 %1 个，共 %2 个套接字</translation>
    </message>
</context>
<context>
    <name>StateChartPanel</name>
    <message>
        <source>Log scale</source>
        <translation>对数坐标</translation>
    </message>
    <message>
        <source>Use a logarithmic axis when TIME-WAIT dwarfs the other states.</source>
        <translation>当 TIME-WAIT 远多于其他状态时，使用对数坐标轴。</translation>
    </message>
    <message>
        <source>Sockets by TCP state</source>
        <translation>按 TCP 状态统计的套接字</translation>
    </message>
    <message>
        <source>sockets</source>
        <translation>套接字</translation>
    </message>
    <message>
        <source>tcp_max_tw_buckets (%1)</source>
        <translation>tcp_max_tw_buckets（%1）</translation>
    </message>
</context>
<context>
    <name>SysctlReader</name>
    <message>
        <source>&quot;%1&quot; is not a sysctl name.</source>
        <translation>“%1”不是 sysctl 参数名。</translation>
    </message>
</context>
<context>
    <name>TcpState</name>
    <message>
        <source>ESTABLISHED</source>
        <extracomment>TCP state names are protocol terms; keep the English term, add a gloss only if customary.</extracomment>
        <translation>ESTABLISHED</translation>
    </message>
    <message>
        <source>SYN-SENT</source>
        <translation>SYN-SENT</translation>
    </message>
    <message>
        <source>SYN-RECV</source>
        <translation>SYN-RECV</translation>
    </message>
    <message>
        <source>FIN-WAIT-1</source>
        <translation>FIN-WAIT-1</translation>
    </message>
    <message>
        <source>FIN-WAIT-2</source>
        <translation>FIN-WAIT-2</translation>
    </message>
    <message>
        <source>TIME-WAIT</source>
        <translation>TIME-WAIT</translation>
    </message>
    <message>
        <source>CLOSE</source>
        <translation>CLOSE</translation>
    </message>
    <message>
        <source>CLOSE-WAIT</source>
        <translation>CLOSE-WAIT</translation>
    </message>
    <message>
        <source>LAST-ACK</source>
        <translation>LAST-ACK</translation>
    </message>
    <message>
        <source>LISTEN</source>
        <translation>LISTEN</translation>
    </message>
    <message>
        <source>CLOSING</source>
        <translation>CLOSING</translation>
    </message>
    <message>
        <source>NEW-SYN-RECV</source>
        <extracomment>Half-open connection waiting for the client&apos;s final ACK (a request socket).</extracomment>
        <translation>NEW-SYN-RECV</translation>
    </message>
    <message>
        <source>UNKNOWN</source>
        <translation>未知</translation>
    </message>
</context>
<context>
    <name>TimeWaitByPortModel</name>
    <message>
        <source>Local port</source>
        <translation>本地端口</translation>
    </message>
    <message>
        <source>Remote port</source>
        <translation>远端端口</translation>
    </message>
    <message>
        <source>TIME-WAIT</source>
        <translation>TIME-WAIT</translation>
    </message>
    <message>
        <source>% of TIME-WAIT</source>
        <translation>占 TIME-WAIT 的 %</translation>
    </message>
</context>
<context>
    <name>WindowCommand</name>
    <message>
        <source>Cannot write %1.</source>
        <translation>无法写入 %1。</translation>
    </message>
</context>
</TS>
