<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AddressPrefix</name>
    <message>
        <source>"%1" is not an IPv4 or IPv6 address</source>
        <translation>“%1”不是 IPv4 或 IPv6 地址</translation>
    </message>
    <message>
        <source>bad prefix length %1 in "%2" (%3 allows 0 to %4)</source>
        <translation>“%2”中的前缀长度 %1 无效（%3 允许 0 到 %4）</translation>
    </message>
</context>
<context>
    <name>AgentBinary</name>
    <message>
        <source>sockscope's own agent was not found (looked for %1).</source>
        <translation>未找到 sockscope 自带的采集代理（查找过：%1）。</translation>
    </message>
    <message>
        <source>Cannot read the agent %1: %2</source>
        <translation>无法读取采集代理 %1：%2</translation>
    </message>
    <message>
        <source>%1 is not an executable for Linux.</source>
        <translation>%1 不是 Linux 可执行文件。</translation>
    </message>
    <message>
        <source>%1 is built for a CPU sockscope does not know (ELF machine %2).</source>
        <translation>%1 是为 sockscope 不认识的 CPU 构建的（ELF machine %2）。</translation>
    </message>
    <message>
        <source>sockscope's own agent was not found.</source>
        <translation>未找到 sockscope 自带的采集代理。</translation>
    </message>
</context>
<context>
    <name>AgentPusher</name>
    <message>
        <source>sockscope is already copying its agent to %1.</source>
        <translation>sockscope 正在向 %1 复制其采集代理。</translation>
    </message>
</context>
<context>
    <name>AppearanceMenu</name>
    <message>
        <source>&amp;Appearance</source>
        <translation>外观(&amp;A)</translation>
    </message>
    <message>
        <source>Colours of the &amp;desktop</source>
        <translation>桌面配色(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Light colours</source>
        <translation>浅色(&amp;L)</translation>
    </message>
    <message>
        <source>D&amp;ark colours</source>
        <translation>深色(&amp;A)</translation>
    </message>
    <message>
        <source>Larger &amp;text (projector)</source>
        <translation>大号文字（投影仪）(&amp;T)</translation>
    </message>
</context>
<context>
    <name>AskpassCommand</name>
    <message>
        <source>sockscope: no display to show the ssh prompt on.</source>
        <translation>sockscope：没有可显示 ssh 提示的图形界面。</translation>
    </message>
</context>
<context>
    <name>AskpassDialog</name>
    <message>
        <source>sockscope — %1</source>
        <translation>sockscope — %1</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
</context>
<context>
    <name>AskpassPrompt</name>
    <message>
        <source>Unknown host key</source>
        <translation>未知的主机密钥</translation>
    </message>
    <message>
        <source>Confirm</source>
        <translation>确认</translation>
    </message>
    <message>
        <source>SSH</source>
        <translation>SSH</translation>
    </message>
    <message>
        <source>SSH password</source>
        <translation>SSH 密码</translation>
    </message>
</context>
<context>
    <name>BundleFolder</name>
    <message>
        <source>An incident bundle needs a folder name.</source>
        <translation>故障资料包需要一个文件夹名。</translation>
    </message>
    <message>
        <source>%1 is a file; an incident bundle is written into a new folder.</source>
        <translation>%1 是一个文件；故障资料包只写入新文件夹。</translation>
    </message>
    <message>
        <source>%1 already holds files; an incident bundle is written into a new or empty folder.</source>
        <translation>%1 中已有文件；故障资料包只写入新的或空的文件夹。</translation>
    </message>
    <message>
        <source>%1 is a symbolic link; an incident bundle is written into a new folder.</source>
        <translation>%1 是符号链接；故障资料包只写入新的文件夹。</translation>
    </message>
</context>
<context>
    <name>CaptureDialog</name>
    <message>
        <source>Also copy the picture to the clipboard</source>
        <translation>同时把图片复制到剪贴板</translation>
    </message>
    <message>
        <source>Capture</source>
        <translation>截图</translation>
    </message>
    <message>
        <source>1× (as on screen)</source>
        <translation>1×（与屏幕相同）</translation>
    </message>
    <message>
        <source>2× (HiDPI, print)</source>
        <translation>2×（高分屏、打印）</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Capture:</source>
        <translation>截取：</translation>
    </message>
    <message>
        <source>Format:</source>
        <translation>格式：</translation>
    </message>
    <message>
        <source>Scale:</source>
        <translation>缩放：</translation>
    </message>
    <message>
        <source>File:</source>
        <translation>文件：</translation>
    </message>
    <message>
        <source>Save capture</source>
        <translation>保存截图</translation>
    </message>
    <message>
        <source>Pictures (*.png *.svg)</source>
        <translation>图片 (*.png *.svg)</translation>
    </message>
    <message>
        <source>PNG picture</source>
        <translation>PNG 图片</translation>
    </message>
    <message>
        <source>SVG drawing</source>
        <translation>SVG 矢量图</translation>
    </message>
</context>
<context>
    <name>CaptureRenderer</name>
    <message>
        <source>sockscope %1 · host %2 · kernel %3 · namespace %4 · %5 (%6)</source>
        <extracomment>The stamp on captured pictures; keep the order: version, host, kernel, namespace, time range.</extracomment>
        <translation>sockscope %1 · 主机 %2 · 内核 %3 · 命名空间 %4 · %5（%6）</translation>
    </message>
    <message>
        <source>Cannot write %1.</source>
        <translation>无法写入 %1。</translation>
    </message>
    <message>
        <source>not known yet</source>
        <translation>尚未获知</translation>
    </message>
    <message>
        <source>sockscope %1 · host %2 · kernel %3 · namespace %4 · no data from this host yet</source>
        <extracomment>The stamp on a picture taken before the watched place sent any sample.</extracomment>
        <translation>sockscope %1 · 主机 %2 · 内核 %3 · 命名空间 %4 · 尚无来自此主机的数据</translation>
    </message>
</context>
<context>
    <name>CloseSequenceDiagram</name>
    <message>
        <source>CLOSED</source>
        <extracomment>The state after the last ACK: no socket left (RFC 793's CLOSED).</extracomment>
        <translation>CLOSED</translation>
    </message>
    <message>
        <source>Closes first (active close): a client that ends its connections, or a server without keep-alive</source>
        <translation>先关闭的一方（主动关闭）：主动结束连接的客户端，或不用 keep-alive 的服务器</translation>
    </message>
    <message>
        <source>The other side (passive close)</source>
        <translation>另一方（被动关闭）</translation>
    </message>
    <message>
        <source>FIN</source>
        <translation>FIN</translation>
    </message>
    <message>
        <source>the program calls close()</source>
        <translation>程序调用 close()</translation>
    </message>
    <message>
        <source>tcp_orphan_retries</source>
        <translation>tcp_orphan_retries</translation>
    </message>
    <message>
        <source>ACK</source>
        <translation>ACK</translation>
    </message>
    <message>
        <source>tcp_fin_timeout</source>
        <translation>tcp_fin_timeout</translation>
    </message>
    <message>
        <source>its program calls close()</source>
        <translation>另一方的程序调用 close()</translation>
    </message>
    <message>
        <source>The same retransmission budget for this FIN when the program has closed the socket; tcp_retries2 when it only shut it down.</source>
        <translation>程序已关闭套接字时，这个 FIN 的重传同样受此时间预算限制；只调用了 shutdown() 时则按 tcp_retries2。</translation>
    </message>
    <message>
        <source>TCP_TIMEWAIT_LEN</source>
        <translation>TCP_TIMEWAIT_LEN</translation>
    </message>
    <message>
        <source>60 s, fixed when the kernel is built; no sysctl changes it. The entry keeps its local port towards that destination (local address, remote address, remote port) unless tcp_tw_reuse takes it over.</source>
        <translation>60 秒，编译内核时固定，没有任何 sysctl 能改变它。该条目一直占用到该目的端（本地地址、远端地址、远端端口）的本地端口，除非被 tcp_tw_reuse 接管。</translation>
    </message>
    <message>
        <source>60 s later (longer if a segment of the old connection restarts the timer).</source>
        <translation>60 秒后（若旧连接的报文段重启了计时器则更久）。</translation>
    </message>
    <message>
        <source>Waits until its program calls close(); unless keepalive or an error ends the connection, it can stay here indefinitely.</source>
        <translation>等待本方程序调用 close()；除非 keepalive 或出错结束连接，否则可以一直停在这个状态。</translation>
    </message>
    <message>
        <source>Once the program has closed the socket (orphaned), how long the kernel keeps retransmitting this FIN: a time budget worked out like tcp_retries2; 0 means 8 while the RTO is below its maximum (tcp_rto_max_ms, or TCP_RTO_MAX on kernels without it; 120 s by default). Then the kernel gives the connection up.</source>
        <translation>程序已关闭套接字（成为孤儿连接）后，内核重传这个 FIN 能持续多久：按 tcp_retries2 的方式换算成的时间预算，不是简单的次数；值为 0 时，只要 RTO 低于其最大值（tcp_rto_max_ms，没有它的内核上为 TCP_RTO_MAX；默认 120 秒）就按 8 计算。超出后内核放弃该连接。</translation>
    </message>
    <message>
        <source>How long an orphaned socket waits here for the peer's FIN: the value up to 60 s (default 60, at least 3.5 × RTO, TCP_LINGER2 overrides it), as a timewait-table entry (sockstat tw); above 60 s, 2 × (value − 60) s, the first half as a full socket. A socket that was only shut down, not closed, is not limited by it. Not the TIME-WAIT length.</source>
        <translation>孤儿套接字在这里等待对端 FIN 的时长：取值不超过 60 秒时即为该值（默认 60，至少 3.5 × RTO，TCP_LINGER2 会覆盖它），以 timewait 表条目的形式等待（计入 sockstat tw）；超过 60 秒时为 2 ×（取值 − 60）秒，前一半以完整套接字等待。只 shutdown、没有 close 的套接字不受它限制。它不是 TIME-WAIT 的时长。</translation>
    </message>
    <message>
        <source>Time runs downwards. tcp_orphan_retries and tcp_fin_timeout act only on orphaned sockets (the program has called close()). TIME-WAIT follows on the side that closes first whether or not it is orphaned, unless the connection is reset (SO_LINGER {1, 0}, unread received data at close(), data or an RST arriving after close()), the peer never sends its FIN (tcp_fin_timeout), the orphan is given up (tcp_orphan_retries, tcp_max_orphans, TCP_LINGER2 below 0) or the timewait table is full (tcp_max_tw_buckets). If both sides close at once, both pass through CLOSING and both end in TIME-WAIT.</source>
        <translation>时间自上而下。tcp_orphan_retries 和 tcp_fin_timeout 只作用于孤儿套接字（程序已调用 close()）。无论是否成为孤儿，先关闭的一方都会进入 TIME-WAIT，除非：连接被重置（SO_LINGER {1, 0}、close() 时还有未读取的接收数据、close() 之后又收到数据或 RST）；对端始终不发送它的 FIN（tcp_fin_timeout）；孤儿连接被放弃（tcp_orphan_retries、tcp_max_orphans、TCP_LINGER2 小于 0）；或 timewait 表已满（tcp_max_tw_buckets）。如果双方同时关闭，双方都会经过 CLOSING，并都进入 TIME-WAIT。</translation>
    </message>
</context>
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
        <source>Language: zh_CN or en (default: the desktop's).</source>
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
        <source>Run the window for --samples refreshes and print the GUI-thread time of each refresh and the peak memory.</source>
        <translation>运行窗口 --samples 次刷新，输出每次刷新在 GUI 线程上的耗时和内存峰值。</translation>
    </message>
    <message>
        <source>Unexpected argument "%1".</source>
        <translation>多余的参数“%1”。</translation>
    </message>
    <message>
        <source>Unknown format "%1": use text or json.</source>
        <translation>未知格式“%1”：请使用 text 或 json。</translation>
    </message>
    <message>
        <source>--format applies to --once.</source>
        <translation>--format 只能与 --once 一起使用。</translation>
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
        <source>Unknown TCP state "%1".</source>
        <translation>未知的 TCP 状态“%1”。</translation>
    </message>
    <message>
        <source>--interval needs seconds from 0.25 to 10, not "%1".</source>
        <translation>--interval 需要 0.25 到 10 之间的秒数，而不是“%1”。</translation>
    </message>
    <message>
        <source>--screenshot needs a file name ending in .png.</source>
        <translation>--screenshot 需要以 .png 结尾的文件名。</translation>
    </message>
    <message>
        <source>Unknown view "%1": use one of %2.</source>
        <translation>未知的视图“%1”：请使用 %2 之一。</translation>
    </message>
    <message>
        <source>--view applies to --screenshot.</source>
        <translation>--view 只能与 --screenshot 一起使用。</translation>
    </message>
    <message>
        <source>--samples needs a whole number from 1 to 100000, not "%1".</source>
        <translation>--samples 需要 1 到 100000 之间的整数，而不是“%1”。</translation>
    </message>
    <message>
        <source>Unknown language "%1": use zh_CN or en.</source>
        <translation>未知语言“%1”：请使用 zh_CN 或 en。</translation>
    </message>
    <message>
        <source>Record samples to a file without a window, until --samples, --duration, or Ctrl+C.</source>
        <translation>不打开窗口，把采样录制到文件，直到达到 --samples、--duration 或按下 Ctrl+C。</translation>
    </message>
    <message>
        <source>file</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>With --record: stop after this many seconds.</source>
        <translation>与 --record 一起使用：录制这么多秒后停止。</translation>
    </message>
    <message>
        <source>With --record: also record the whole socket table every this many seconds (default 300; 0: only at the start and the end).</source>
        <translation>与 --record 一起使用：每隔这么多秒同时录制完整的套接字表（默认 300；0 表示只在开始和结束时录制）。</translation>
    </message>
    <message>
        <source>Open a recording in the window, with no kernel access.</source>
        <translation>在窗口中打开录制文件，不访问内核。</translation>
    </message>
    <message>
        <source>With --screenshot: render at this device pixel ratio (1 or 2).</source>
        <translation>与 --screenshot 一起使用：按此设备像素比渲染（1 或 2）。</translation>
    </message>
    <message>
        <source>ratio</source>
        <translation>比例</translation>
    </message>
    <message>
        <source>--record does not go with --once or --replay.</source>
        <translation>--record 不能与 --once 或 --replay 一起使用。</translation>
    </message>
    <message>
        <source>--replay reads a file; it does not go with --once or --netns.</source>
        <translation>--replay 读取文件，不能与 --once 或 --netns 一起使用。</translation>
    </message>
    <message>
        <source>--duration applies to --record.</source>
        <translation>--duration 只能与 --record 一起使用。</translation>
    </message>
    <message>
        <source>--duration needs a number of seconds above 0, not "%1".</source>
        <translation>--duration 需要大于 0 的秒数，而不是“%1”。</translation>
    </message>
    <message>
        <source>--table-every applies to --record.</source>
        <translation>--table-every 只能与 --record 一起使用。</translation>
    </message>
    <message>
        <source>--table-every needs whole seconds from 0 to 86400, not "%1".</source>
        <translation>--table-every 需要 0 到 86400 之间的整数秒，而不是“%1”。</translation>
    </message>
    <message>
        <source>--scale applies to --screenshot.</source>
        <translation>--scale 只能与 --screenshot 一起使用。</translation>
    </message>
    <message>
        <source>--scale takes 1 or 2.</source>
        <translation>--scale 只接受 1 或 2。</translation>
    </message>
    <message>
        <source>WIDTHxHEIGHT</source>
        <translation>WIDTHxHEIGHT</translation>
    </message>
    <message>
        <source>--size needs WIDTHxHEIGHT from %1x%2 to %3x%4, not "%5".</source>
        <translation>--size 需要 %1x%2 到 %3x%4 之间的 WIDTHxHEIGHT，而不是“%5”。</translation>
    </message>
    <message>
        <source>--screenshot and --benchmark run the window; they do not go with --once or --record.</source>
        <translation>--screenshot 和 --benchmark 会运行窗口，不能与 --once 或 --record 一起使用。</translation>
    </message>
    <message>
        <source>FILE</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>A recording (.sockrec) to open in the window, as --replay FILE does; how a file manager opens one.</source>
        <translation>在窗口中打开的录制文件（.sockrec），与 --replay 文件 相同；文件管理器即以此方式打开录制文件。</translation>
    </message>
    <message>
        <source>[FILE]</source>
        <translation>[文件]</translation>
    </message>
    <message>
        <source>--top needs a number between 0 and 65536, not "%1".</source>
        <translation>--top 需要 0 到 65536 之间的数字，而不是“%1”。</translation>
    </message>
    <message>
        <source>Try '%1 --help'.</source>
        <translation>请运行“%1 --help”查看帮助。</translation>
    </message>
    <message>
        <source>--record needs a file name.</source>
        <translation>--record 需要一个文件名。</translation>
    </message>
    <message>
        <source>--replay needs a file name.</source>
        <translation>--replay 需要一个文件名。</translation>
    </message>
    <message>
        <source>Watch a remote host over the system ssh (your ~/.ssh/config applies): the window, --once, --record or --screenshot, with sockscope-agent running there.</source>
        <translation>通过系统自带的 ssh 观察远程主机（沿用你的 ~/.ssh/config）：窗口、--once、--record 或 --screenshot，由远程主机上运行的 sockscope-agent 采集。</translation>
    </message>
    <message>
        <source>[user@]host[:port]</source>
        <translation>[用户@]主机[:端口]</translation>
    </message>
    <message>
        <source>With --host: when the remote host has no sockscope-agent, copy this sockscope's agent to ~/.cache/sockscope there (checked by its sha256) and run it.</source>
        <translation>与 --host 一起使用：远程主机上没有 sockscope-agent 时，把本 sockscope 自带的采集代理复制到那里的 ~/.cache/sockscope（按 sha256 校验）并运行。</translation>
    </message>
    <message>
        <source>--host watches a remote host; it does not go with --replay, --netns or --benchmark.</source>
        <translation>--host 用于观察远程主机，不能与 --replay、--netns 或 --benchmark 同时使用。</translation>
    </message>
    <message>
        <source>--push-agent goes with --host.</source>
        <translation>--push-agent 需要与 --host 一起使用。</translation>
    </message>
    <message>
        <source>With --host, --table-every needs whole seconds from 1 to 3600 (the remote agent's table period), not "%1".</source>
        <translation>与 --host 同用时，--table-every 需要 1 到 3600 之间的整秒数（远端采集代理的套接字表周期），而不是“%1”。</translation>
    </message>
    <message>
        <source>--headless and --set go with --lab.</source>
        <translation>--headless 和 --set 需与 --lab 一起使用。</translation>
    </message>
    <message>
        <source>--lab does not go with --%1.</source>
        <translation>--lab 不能与 --%1 一起使用。</translation>
    </message>
    <message>
        <source>Unknown lab scenario "%1": use one of %2.</source>
        <translation>未知的实验场景“%1”：请使用 %2 之一。</translation>
    </message>
    <message>
        <source>--set needs NAME=VALUE, not "%1".</source>
        <translation>--set 需要 NAME=VALUE 形式，而不是“%1”。</translation>
    </message>
    <message>
        <source>--set %1: not a load setting the lab knows (rate, concurrency, closer, keepalive, request, target, sources, bind-no-port, backlog, accept) or a value out of its range; a sysctl is given by its name, e.g. net.ipv4.tcp_tw_reuse=1 or tcp_tw_reuse=1.</source>
        <translation>--set %1：不是实验室认识的负载设置（rate、concurrency、closer、keepalive、request、target、sources、bind-no-port、backlog、accept），或取值超出范围；sysctl 要用其名称给出，例如 net.ipv4.tcp_tw_reuse=1 或 tcp_tw_reuse=1。</translation>
    </message>
    <message>
        <source>--set %1: %2 is the host's only; it cannot be changed in the lab.</source>
        <translation>--set %1：%2 仅属于主机，不能在实验室中修改。</translation>
    </message>
    <message>
        <source>--set %1: %2 is not a sysctl sockscope knows.</source>
        <translation>--set %1：%2 不是 sockscope 认识的 sysctl。</translation>
    </message>
    <message>
        <source>--set %1: %2</source>
        <translation>--set %1：%2</translation>
    </message>
    <message>
        <source>--lab --headless needs a scenario: %1.</source>
        <translation>--lab --headless 需要指定场景：%1。</translation>
    </message>
    <message>
        <source>--lab --headless needs --duration from 1 to 3600 seconds.</source>
        <translation>--lab --headless 需要 1 到 3600 秒的 --duration。</translation>
    </message>
    <message>
        <source>With --lab, --duration and --record go with --headless.</source>
        <translation>与 --lab 一起使用时，--duration 和 --record 需配合 --headless。</translation>
    </message>
    <message>
        <source>--screenshot needs a file name ending in .png, and a window (not --headless).</source>
        <translation>--screenshot 需要以 .png 结尾的文件名，并且需要窗口（不能与 --headless 一起使用）。</translation>
    </message>
    <message>
        <source>Open the training lab: network namespaces of its own, run as you, with load you control. Give a scenario as the argument (%1).</source>
        <translation>打开培训实验室：拥有自己的网络命名空间，以你的身份运行，负载由你控制。可用参数指定场景（%1）。</translation>
    </message>
    <message>
        <source>With --lab SCENARIO: run it for --duration seconds without a window and print its checkpoints as JSON (exit 0 when all held).</source>
        <translation>与 --lab SCENARIO 一起使用：不打开窗口运行该场景 --duration 秒，并以 JSON 输出其检查点（全部成立时退出码为 0）。</translation>
    </message>
    <message>
        <source>With --lab: set a lab sysctl (net.ipv4.tcp_tw_reuse=1 or tcp_tw_reuse=1) or a load setting (rate=30, closer=client, keepalive=on ...) when the scenario starts; may be repeated.</source>
        <translation>与 --lab 一起使用：在场景开始时设置实验室的 sysctl（net.ipv4.tcp_tw_reuse=1 或 tcp_tw_reuse=1）或负载设置（rate=30、closer=client、keepalive=on ……）；可重复使用。</translation>
    </message>
    <message>
        <source>name=value</source>
        <translation>名称=值</translation>
    </message>
    <message>
        <source>The share of one CPU, in percent (1 to 100, default 5), that dumping the sockets may use: between dumps, refreshes read the counters afresh and show the last dump's sockets with their age.</source>
        <translation>转储套接字可使用的单个 CPU 份额，以百分比计（1 到 100，默认 5）：两次转储之间，刷新会重新读取计数器，并显示上次转储的套接字及其时长。</translation>
    </message>
    <message>
        <source>percent</source>
        <translation>百分比</translation>
    </message>
    <message>
        <source>--dump-budget applies to the window and --record.</source>
        <translation>--dump-budget 仅适用于窗口和 --record。</translation>
    </message>
    <message>
        <source>--dump-budget needs a whole percentage from 1 to 100, not "%1".</source>
        <translation>--dump-budget 需要 1 到 100 之间的整数百分比，而不是“%1”。</translation>
    </message>
    <message>
        <source>sockscope-window shows the window only; run sockscope for the rest.</source>
        <translation>sockscope-window 只显示窗口；其他功能请运行 sockscope。</translation>
    </message>
    <message>
        <source>With --once: list the ports inside ip_local_port_range one by one, not as one "ephemeral" entry (for remote ports this host's range stands for the peers', which is not known).</source>
        <translation>与 --once 一起使用：逐个列出 ip_local_port_range 内的端口，而不是合并为一个“ephemeral”条目（对远端端口，用本机的范围代替对端的范围，后者无从得知）。</translation>
    </message>
    <message>
        <source>--ephemeral-ports applies to --once.</source>
        <translation>--ephemeral-ports 只用于 --once。</translation>
    </message>
    <message>
        <source>--size applies to --screenshot and --incident-bundle.</source>
        <translation>--size 只能与 --screenshot 或 --incident-bundle 一起使用。</translation>
    </message>
    <message>
        <source>--incident-bundle runs the window; it does not go with --once, --record or --benchmark.</source>
        <translation>--incident-bundle 运行窗口；不能与 --once、--record 或 --benchmark 一起使用。</translation>
    </message>
    <message>
        <source>With --screenshot, --incident-bundle or --benchmark: refreshes to wait for (default 3). With --record: samples to record.</source>
        <translation>与 --screenshot、--incident-bundle 或 --benchmark 一起使用：等待的刷新次数（默认 3）。与 --record 一起使用：要录制的采样数。</translation>
    </message>
    <message>
        <source>Run the window for --samples refreshes, then write an incident bundle into the new (or empty) folder DIR and exit: capture.png, snapshot.json, history.csv, sysctl-changes.csv, recording.sockrec, README.txt and manifest.json with each file's SHA-256.</source>
        <translation>运行窗口 --samples 次刷新，然后把故障资料包写入新的（或空的）文件夹 DIR 并退出：capture.png、snapshot.json、history.csv、sysctl-changes.csv、recording.sockrec、README.txt，以及带有每个文件 SHA-256 的 manifest.json。</translation>
    </message>
    <message>
        <source>DIR</source>
        <translation>DIR</translation>
    </message>
    <message>
        <source>With --screenshot or --incident-bundle: lay the window out at WIDTHxHEIGHT logical pixels (%1x%2 to %3x%4) before the picture, e.g. 1280x800.</source>
        <translation>与 --screenshot 或 --incident-bundle 一起使用：先按 WIDTHxHEIGHT 逻辑像素（%1x%2 到 %3x%4）布局窗口，再生成图片，例如 1280x800。</translation>
    </message>
</context>
<context>
    <name>ConnectionBanner</name>
    <message>
        <source>&lt;b&gt;Connection to %1 lost:&lt;/b&gt; %2</source>
        <translation>&lt;b&gt;与 %1 的连接已断开：&lt;/b&gt;%2</translation>
    </message>
    <message>
        <source>&lt;b&gt;Reconnecting to %1…&lt;/b&gt;</source>
        <translation>&lt;b&gt;正在重新连接 %1…&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;Connected to %1 again.&lt;/b&gt;</source>
        <translation>&lt;b&gt;已重新连接到 %1。&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;The stream from %1 has ended:&lt;/b&gt; %2</source>
        <translation>&lt;b&gt;来自 %1 的数据流已结束：&lt;/b&gt;%2</translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;Connection to %1 lost:&lt;/b&gt; %2 — reconnecting in %n s; the history is kept and the gap is left blank in the charts.</source>
        <translation>
            <numerusform>&lt;b&gt;与 %1 的连接已断开：&lt;/b&gt;%2 —— %n 秒后重新连接；历史数据会保留，断开期间在图表中留空。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CoreMessageText</name>
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
    <message>
        <source>This kernel cannot list TCP sockets: the inet_diag/tcp_diag support is missing (try `modprobe tcp_diag`).</source>
        <translation>本内核无法列出 TCP 套接字：缺少 inet_diag/tcp_diag 支持（可尝试 `modprobe tcp_diag`）。</translation>
    </message>
    <message>
        <source>IPv6 TCP sockets cannot be listed on this kernel (IPv6 disabled or inet6 diagnostics missing); only IPv4 is shown.</source>
        <translation>本内核无法列出 IPv6 TCP 套接字（IPv6 已禁用或缺少 inet6 诊断支持）；只显示 IPv4。</translation>
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
        <source>Malformed netlink error message (error %1).</source>
        <translation>netlink 错误消息格式错误（错误码 %1）。</translation>
    </message>
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
    <message>
        <source>Cannot read %1: %2.</source>
        <translation>无法读取 %1：%2。</translation>
    </message>
    <message>
        <source>/proc/net/sockstat has no readable TCP line.</source>
        <translation>/proc/net/sockstat 中没有可读的 TCP 行。</translation>
    </message>
    <message>
        <source>/proc/net/%1 is malformed: %2</source>
        <translation>/proc/net/%1 格式错误：%2</translation>
    </message>
    <message>
        <source>%1: %2 column names but %3 values.</source>
        <translation>%1：有 %2 个列名，却有 %3 个数值。</translation>
    </message>
    <message>
        <source>%1 %2: "%3" is not a number.</source>
        <translation>%1 %2：“%3”不是数字。</translation>
    </message>
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
    <message>
        <source>socket counts of this namespace × object sizes from this kernel's BTF (struct size plus SLUB's free pointer, in 64-byte cache lines)</source>
        <translation>本命名空间的套接字数 × 从本内核 BTF 得到的对象大小（结构体大小加上 SLUB 的空闲指针，按 64 字节缓存行对齐）</translation>
    </message>
    <message>
        <source>socket counts of this namespace × typical x86-64 object sizes (this kernel exposes no BTF)</source>
        <translation>本命名空间的套接字数 × 典型的 x86-64 对象大小（本内核未提供 BTF）</translation>
    </message>
    <message>
        <source>Empty network namespace name.</source>
        <translation>网络命名空间名称为空。</translation>
    </message>
    <message>
        <source>"%1" is not a network namespace name.</source>
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
        <source>Not allowed to enter network namespace %1 (needs CAP_SYS_ADMIN over it).</source>
        <translation>无权进入网络命名空间 %1（需要对其拥有 CAP_SYS_ADMIN）。</translation>
    </message>
    <message>
        <source>Cannot enter network namespace %1: %2.</source>
        <translation>无法进入网络命名空间 %1：%2。</translation>
    </message>
    <message>
        <source>the detecting process did not answer in time</source>
        <translation>检测进程未能及时应答</translation>
    </message>
    <message>
        <source>the detecting process failed</source>
        <translation>检测进程失败</translation>
    </message>
    <message>
        <source>Cannot create %1: %2</source>
        <translation>无法创建 %1：%2</translation>
    </message>
    <message>
        <source>Cannot create %1: not a regular file.</source>
        <translation>无法创建 %1：不是普通文件。</translation>
    </message>
    <message>
        <source>Writing %1 failed: %2</source>
        <translation>写入 %1 失败：%2</translation>
    </message>
    <message>
        <source>current</source>
        <translation>当前</translation>
    </message>
    <message>
        <source>The agent does not know the command "%1" (it knows interval, table-period, table, pause and resume).</source>
        <translation>代理程序不认识命令“%1”（它只认识 interval、table-period、table、pause 和 resume）。</translation>
    </message>
    <message>
        <source>The agent's command %1 needs a whole number of milliseconds from %3 to %4, not "%2".</source>
        <translation>代理程序的命令 %1 需要 %3 到 %4 之间的整数毫秒数，而不是“%2”。</translation>
    </message>
    <message>
        <source>A command to the agent was longer than %1 bytes; it was ignored.</source>
        <translation>发给代理程序的一条命令超过了 %1 字节，已被忽略。</translation>
    </message>
    <message>
        <source>The training lab could not make its namespaces (%1: %2). It needs unprivileged user namespaces (user.max_user_namespaces above 0).</source>
        <translation>培训实验室无法创建它的命名空间（%1：%2）。它需要非特权用户命名空间（user.max_user_namespaces 大于 0）。</translation>
    </message>
    <message>
        <source>The lab does not know the load setting "%1".</source>
        <translation>实验室不认识负载设置“%1”。</translation>
    </message>
    <message>
        <source>The lab could not change its sysctls: %1</source>
        <translation>实验室无法修改它的 sysctl：%1</translation>
    </message>
    <message>
        <source>Cannot create %1: the file belongs to another user, who could read the recording.</source>
        <translation>无法创建 %1：该文件属于另一个用户，该用户可能读取录制内容。</translation>
    </message>
    <message>
        <source>The frame at byte %1 is cut short (begun but not finished).</source>
        <translation>第 %1 字节处的帧被截断（已开始但未写完）。</translation>
    </message>
    <message>
        <source>The frame at byte %1 declares %2 bytes (at most %3 are read).</source>
        <translation>第 %1 字节处的帧声明了 %2 字节（最多读取 %3 字节）。</translation>
    </message>
    <message>
        <source>The frame at byte %1 is damaged (its checksum does not match).</source>
        <translation>第 %1 字节处的帧已损坏（校验和不符）。</translation>
    </message>
    <message>
        <source>The frame at byte %1 cannot be decoded.</source>
        <translation>第 %1 字节处的帧无法解码。</translation>
    </message>
    <message>
        <source>The socket table at byte %1 has a description of %2 KiB (a real one takes a few KiB; at most %3 KiB are read); it was refused unread.</source>
        <extracomment>A socket table's description is its JSON: totals, busiest ports and owners, kernel facts.</extracomment>
        <translation>第 %1 字节处的套接字表的描述占 %2 KiB（真实的只占几 KiB；最多读取 %3 KiB）；它未经读取即被拒绝。</translation>
    </message>
    <message>
        <source>The socket table at byte %1 holds %2 rows (at most %3 are read); it was refused unread.</source>
        <translation>第 %1 字节处的套接字表有 %2 行（最多读取 %3 行）；它未经读取即被拒绝。</translation>
    </message>
    <message>
        <source>There are more than %1 markers; only the first %1 are shown.</source>
        <translation>标记超过 %1 个；只显示前 %1 个。</translation>
    </message>
</context>
<context>
    <name>DockLayout</name>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>Reset layout</source>
        <translation>恢复默认布局</translation>
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
    <message>
        <source>TIME-WAIT by process</source>
        <translation>按进程的 TIME-WAIT</translation>
    </message>
    <message>
        <source>Sockets</source>
        <translation>套接字</translation>
    </message>
    <message>
        <source>TIME-WAIT sysctls</source>
        <translation>TIME-WAIT 相关 sysctl</translation>
    </message>
    <message>
        <source>Whole window</source>
        <translation>整个窗口</translation>
    </message>
    <message>
        <source>Socket table</source>
        <translation>套接字表</translation>
    </message>
    <message>
        <source>Close sequence</source>
        <translation>关闭过程</translation>
    </message>
</context>
<context>
    <name>FileSource</name>
    <message>
        <source>A replay shows a recording; it changes nothing on this machine.</source>
        <translation>回放只显示录制内容，不会修改本机的任何设置。</translation>
    </message>
</context>
<context>
    <name>IncidentBundle</name>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>The window as it looked, stamped with host, kernel, namespace and time range (as Incident → Capture… saves it).</source>
        <translation>窗口当时的样子，带有主机、内核、命名空间和时间范围的标记（与 故障 → 截图… 保存的相同）。</translation>
    </message>
    <message>
        <source>%1 is missing: no socket table had come from the source yet.</source>
        <translation>缺少 %1：数据源还没有送来任何套接字表。</translation>
    </message>
    <message>
        <source>The latest socket table's figures, as sockscope --once --format json prints them.</source>
        <translation>最新套接字表的数据，与 sockscope --once --format json 输出的相同。</translation>
    </message>
    <message>
        <source>The same samples, the markers and the latest socket table as a recording: sockscope --replay %1</source>
        <translation>同样的采样、标记和最新套接字表，保存为录制文件：sockscope --replay %1</translation>
    </message>
    <message>
        <source>A recording was running when the bundle was written; it goes on at %1.</source>
        <translation>写入资料包时有一个录制正在进行；它继续写入 %1。</translation>
    </message>
    <message>
        <source>Cannot read %1 back: %2</source>
        <translation>无法读回 %1：%2</translation>
    </message>
    <message>
        <source>sockscope incident bundle</source>
        <translation>sockscope 故障资料包</translation>
    </message>
    <message>
        <source>Host: %1</source>
        <translation>主机：%1</translation>
    </message>
    <message>
        <source>Kernel: %1</source>
        <translation>内核：%1</translation>
    </message>
    <message>
        <source>Network namespace: %1</source>
        <translation>网络命名空间：%1</translation>
    </message>
    <message>
        <source>Time range (UTC): %1 to %2</source>
        <translation>时间范围（UTC）：%1 到 %2</translation>
    </message>
    <message>
        <source>Samples: %1</source>
        <translation>采样数：%1</translation>
    </message>
    <message>
        <source>Written by sockscope %1 at %2 (UTC)</source>
        <translation>由 sockscope %1 于 %2（UTC）写入</translation>
    </message>
    <message>
        <source>Files:</source>
        <translation>文件：</translation>
    </message>
    <message>
        <source>The same as JSON, with the SHA-256 of every other file.</source>
        <translation>同样的内容，JSON 格式，附其他每个文件的 SHA-256。</translation>
    </message>
    <message>
        <source>SHA-256 of each file (check with: sha256sum --check README.txt):</source>
        <translation>每个文件的 SHA-256（校验命令：sha256sum --check README.txt）：</translation>
    </message>
    <message>
        <source>Every sample the window holds: state counts, TIME-WAIT limit, slab, counter rates, port pressure, busiest ports and owners, markers.</source>
        <translation>窗口保存的每个采样：各状态计数、TIME-WAIT 上限、slab、计数器速率、端口压力、最繁忙的端口和所属进程、标记。</translation>
    </message>
    <message>
        <source>The sysctls changed from this window in this session, as read back from the kernel (the header line alone when none was).</source>
        <translation>本次会话中从此窗口修改的 sysctl，值为从内核读回的值（没有修改时只有表头行）。</translation>
    </message>
    <message>
        <source>This file.</source>
        <translation>本文件。</translation>
    </message>
    <message>
        <source>There is no history yet.</source>
        <translation>还没有历史数据。</translation>
    </message>
    <message>
        <source>%1 later sysctl changes are not in %2: a session keeps the first %3.</source>
        <translation>另有 %1 项后来的 sysctl 更改不在 %2 中：每个会话只保留前 %3 项。</translation>
    </message>
</context>
<context>
    <name>IncidentController</name>
    <message>
        <source>&amp;Incident</source>
        <translation>故障(&amp;I)</translation>
    </message>
    <message>
        <source>Capture…</source>
        <translation>截图…</translation>
    </message>
    <message>
        <source>Save a stamped picture of the window or of one chart, and copy it (Ctrl+Shift+S)</source>
        <translation>保存带标注的窗口或单个图表的图片，并复制（Ctrl+Shift+S）</translation>
    </message>
    <message>
        <source>Add marker…</source>
        <translation>添加标记…</translation>
    </message>
    <message>
        <source>Mark this moment on every chart, e.g. "deploy" (Ctrl+M)</source>
        <translation>在所有图表上标记此刻，例如“发布”（Ctrl+M）</translation>
    </message>
    <message>
        <source>Export sockets as CSV…</source>
        <translation>将套接字导出为 CSV…</translation>
    </message>
    <message>
        <source>Export sockets as JSON…</source>
        <translation>将套接字导出为 JSON…</translation>
    </message>
    <message>
        <source>Export history as CSV…</source>
        <translation>将历史导出为 CSV…</translation>
    </message>
    <message>
        <source>Record…</source>
        <translation>录制…</translation>
    </message>
    <message>
        <source>Record every sample to a file that sockscope --replay opens on any machine</source>
        <translation>把每次采样录制到文件，可在任何机器上用 sockscope --replay 打开</translation>
    </message>
    <message>
        <source>Record the socket table now</source>
        <translation>立即录制套接字表</translation>
    </message>
    <message>
        <source>Stop recording</source>
        <translation>停止录制</translation>
    </message>
    <message>
        <source>Open recording…</source>
        <translation>打开录制文件…</translation>
    </message>
    <message>
        <source>● Recording: %1 samples, %2 tables, %3</source>
        <translation>● 正在录制：%1 次采样，%2 张表，%3</translation>
    </message>
    <message>
        <source>Recorded %1 samples and %2 socket tables (%3) to %4</source>
        <translation>已录制 %1 次采样和 %2 张套接字表（%3）到 %4</translation>
    </message>
    <message>
        <source>Add marker</source>
        <translation>添加标记</translation>
    </message>
    <message>
        <source>Label for this moment (e.g. deploy, LB restart):</source>
        <translation>为此刻添加说明（例如 发布、负载均衡重启）：</translation>
    </message>
    <message>
        <source>Rename marker</source>
        <translation>重命名标记</translation>
    </message>
    <message>
        <source>Label:</source>
        <translation>标签：</translation>
    </message>
    <message>
        <source>There is no view called %1.</source>
        <translation>没有名为 %1 的视图。</translation>
    </message>
    <message>
        <source>SVG is for charts; save %1 as PNG.</source>
        <translation>SVG 只用于图表；请把 %1 保存为 PNG。</translation>
    </message>
    <message>
        <source>Cannot write %1.</source>
        <translation>无法写入 %1。</translation>
    </message>
    <message>
        <source>Saved %1%2</source>
        <translation>已保存 %1%2</translation>
    </message>
    <message>
        <source> and copied it to the clipboard</source>
        <translation>，并已复制到剪贴板</translation>
    </message>
    <message>
        <source>Capture</source>
        <translation>截图</translation>
    </message>
    <message>
        <source>There is no socket table yet.</source>
        <translation>还没有套接字表。</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>Exported %1 sockets to %2</source>
        <translation>已将 %1 个套接字导出到 %2</translation>
    </message>
    <message>
        <source>There is no history yet.</source>
        <translation>还没有历史数据。</translation>
    </message>
    <message>
        <source>Exported the charts' time range to %1</source>
        <translation>已将图表的时间范围导出到 %1</translation>
    </message>
    <message>
        <source>Export history</source>
        <translation>导出历史</translation>
    </message>
    <message>
        <source>Export sockets</source>
        <translation>导出套接字</translation>
    </message>
    <message>
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Record to</source>
        <translation>录制到</translation>
    </message>
    <message>
        <source>sockscope recordings (*.sockrec)</source>
        <translation>sockscope 录制文件 (*.sockrec)</translation>
    </message>
    <message>
        <source>Open recording</source>
        <translation>打开录制文件</translation>
    </message>
    <message>
        <source>sockscope recordings (*.sockrec);;All files (*)</source>
        <translation>sockscope 录制文件 (*.sockrec);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Save incident bundle…</source>
        <translation>保存故障资料包…</translation>
    </message>
    <message>
        <source>Save the picture, the JSON snapshot, the history, the sysctl changes and a recording into one new folder for a ticket (Ctrl+Shift+B)</source>
        <translation>把截图、JSON 快照、历史、sysctl 修改和录制文件保存到一个新文件夹，用于工单（Ctrl+Shift+B）</translation>
    </message>
    <message>
        <source>Saved the incident bundle to %1</source>
        <translation>已把故障资料包保存到 %1</translation>
    </message>
    <message>
        <source>Save incident bundle</source>
        <translation>保存故障资料包</translation>
    </message>
    <message>
        <source>A new folder (*)</source>
        <translation>新文件夹 (*)</translation>
    </message>
</context>
<context>
    <name>LabChart</name>
    <message>
        <source>connections/s</source>
        <translation>连接数/秒</translation>
    </message>
    <message>
        <source>EADDRNOTAVAIL/s</source>
        <translation>EADDRNOTAVAIL/秒</translation>
    </message>
    <message>
        <source>other failures/s</source>
        <translation>其他失败/秒</translation>
    </message>
</context>
<context>
    <name>LabCheckpoints</name>
    <message>
        <source>keep-alive on</source>
        <translation>开启 keep-alive</translation>
    </message>
    <message>
        <source>TIME-WAIT is on local port 8080 (%1) and none on the client side (%2 towards port 8080)</source>
        <translation>TIME-WAIT 在本地端口 8080 上（%1 个），客户端一侧没有（指向端口 8080 的 %2 个）</translation>
    </message>
    <message>
        <source>TIME-WAIT is on the client side, towards port 8080 (%1), and none on local port 8080 (%2)</source>
        <translation>TIME-WAIT 在客户端一侧，指向端口 8080（%1 个），本地端口 8080 上没有（%2 个）</translation>
    </message>
    <message>
        <source>Ephemeral ports held towards port 8080 climb: %1 → %2 of %3 in the last %4 s</source>
        <translation>指向端口 8080 占用的临时端口在增加：最近 %4 秒内从 %1 增至 %2（共 %3 个）</translation>
    </message>
    <message>
        <source>Every port of ip_local_port_range is held towards 10.77.0.1:8080: %1 of %2</source>
        <translation>ip_local_port_range 的每个端口都被指向 10.77.0.1:8080 的连接占用：%1 / %2</translation>
    </message>
    <message>
        <source>connect() fails with EADDRNOTAVAIL: %1 times in the last %2 s</source>
        <translation>connect() 因 EADDRNOTAVAIL 失败：最近 %2 秒内 %1 次</translation>
    </message>
    <message>
        <source>tcp_tw_reuse = 1, timestamps on</source>
        <translation>tcp_tw_reuse = 1，时间戳开启</translation>
    </message>
    <message>
        <source>With tcp_tw_reuse = 1 no connect() failed (%1) and TIME-WAIT entries were taken over (TWRecycled +%2) in the last %3 s</source>
        <translation>tcp_tw_reuse = 1 时，最近 %3 秒内没有 connect() 失败（%1 次），TIME-WAIT 条目被接管（TWRecycled +%2）</translation>
    </message>
    <message>
        <source>TIME-WAIT stays at tcp_max_tw_buckets: sockstat tw %1, limit %2</source>
        <translation>TIME-WAIT 停在 tcp_max_tw_buckets：sockstat tw %1，上限 %2</translation>
    </message>
    <message>
        <source>TCPTimeWaitOverflow rose by %1 in the last %2 s: closes that skipped TIME-WAIT</source>
        <translation>最近 %2 秒内 TCPTimeWaitOverflow 增加了 %1：这些关闭跳过了 TIME-WAIT</translation>
    </message>
    <message>
        <source>tcp_max_tw_buckets ≥ 10,000</source>
        <translation>tcp_max_tw_buckets ≥ 10,000</translation>
    </message>
    <message>
        <source>With a large table no close skips TIME-WAIT: TCPTimeWaitOverflow +%1 in the last %2 s</source>
        <translation>表足够大时没有关闭会跳过 TIME-WAIT：最近 %2 秒内 TCPTimeWaitOverflow +%1</translation>
    </message>
    <message>
        <source>Orphaned FIN-WAIT-2 on the client side: %1; the server, which never closes, holds %2 in CLOSE-WAIT</source>
        <translation>客户端一侧的孤儿 FIN-WAIT-2：%1 个；从不关闭的服务器有 %2 个处于 CLOSE-WAIT</translation>
    </message>
    <message>
        <source>They sit in the TIME-WAIT table: sockstat tw %1 = TIME-WAIT %2 + FIN-WAIT-2 %3</source>
        <translation>它们位于 timewait 表中：sockstat tw %1 = TIME-WAIT %2 + FIN-WAIT-2 %3</translation>
    </message>
    <message>
        <source>They go after tcp_fin_timeout (%1 s): FIN-WAIT-2 levels off at about %2 a second × %1 s (now %3, at most %4)</source>
        <translation>它们在 tcp_fin_timeout（%1 秒）后消失：FIN-WAIT-2 稳定在约每秒 %2 个 × %1 秒（当前 %3，至多 %4）</translation>
    </message>
    <message>
        <source>tcp_max_tw_buckets ≤ 100</source>
        <translation>tcp_max_tw_buckets ≤ 100</translation>
    </message>
    <message>
        <source>They count against tcp_max_tw_buckets: FIN-WAIT-2 %1 with limit %2, TCPTimeWaitOverflow +%3</source>
        <translation>它们占用 tcp_max_tw_buckets 的名额：FIN-WAIT-2 %1 个，上限 %2，TCPTimeWaitOverflow +%3</translation>
    </message>
    <message>
        <source>Its limit is min(backlog %1, somaxconn %2) = %3</source>
        <translation>其上限为 min(backlog %1, somaxconn %2) = %3</translation>
    </message>
    <message>
        <source>Connections the queue had no room for are dropped: ListenOverflows +%1 in the last %2 s</source>
        <translation>队列容纳不下的连接被丢弃：最近 %2 秒内 ListenOverflows +%1</translation>
    </message>
    <message>
        <source>Clients wait in SYN-SENT and retry: %1</source>
        <translation>客户端停在 SYN-SENT 并重试：%1 个</translation>
    </message>
    <message>
        <source>somaxconn below the backlog</source>
        <translation>somaxconn 低于 backlog</translation>
    </message>
    <message>
        <source>somaxconn %1 caps the queue: the listener's limit is now %2</source>
        <translation>somaxconn %1 限制了队列：监听套接字的上限现在是 %2</translation>
    </message>
    <message>
        <source>With tcp_tw_reuse = 1 connect() no longer fails and TWRecycled rises</source>
        <translation>tcp_tw_reuse = 1 时 connect() 不再失败，TWRecycled 上升</translation>
    </message>
    <message>
        <source>With a large table no close skips TIME-WAIT</source>
        <translation>表足够大时没有关闭会跳过 TIME-WAIT</translation>
    </message>
    <message>
        <source>FIN-WAIT-2 stops at tcp_max_tw_buckets and TCPTimeWaitOverflow rises</source>
        <translation>FIN-WAIT-2 停在 tcp_max_tw_buckets，TCPTimeWaitOverflow 上升</translation>
    </message>
    <message>
        <source>The listener's limit becomes somaxconn</source>
        <translation>监听套接字的上限变为 somaxconn</translation>
    </message>
    <message>
        <source>The accept queue has filled: the listener on 8080 holds %1 connections not yet accepted against its limit of %2 (the kernel queues one more before it drops)</source>
        <translation>全连接队列已满：8080 上的监听套接字持有 %1 个尚未 accept 的连接，其上限为 %2（内核在开始丢弃前还会再排入一个）</translation>
    </message>
    <message>
        <source>With keep-alive no new timewait entries are made (TcpExt TW + TWKilled stay)</source>
        <translation>开启 keep-alive 后不再产生新的 timewait 条目（TcpExt TW + TWKilled 不再增加）</translation>
    </message>
    <message>
        <source>With keep-alive no new timewait entries: TcpExt TW + TWKilled rose by %1 in the last %2 s</source>
        <translation>开启 keep-alive 后不再产生新的 timewait 条目：最近 %2 秒内 TcpExt TW + TWKilled 增加了 %1</translation>
    </message>
    <message>
        <source>New timewait entries keep being made: TcpExt TW + TWKilled rose by %1 in the last %2 s</source>
        <translation>不断产生新的 timewait 条目：最近 %2 秒内 TcpExt TW + TWKilled 增加了 %1</translation>
    </message>
    <message>
        <source>tcp_tw_reuse = 1, then tcp_timestamps = 0 with the load running</source>
        <translation>tcp_tw_reuse = 1，然后在负载运行时设 tcp_timestamps = 0</translation>
    </message>
    <message>
        <source>Reuse goes on without timestamps: no connect() fails, TWRecycled rises, new connections carry no timestamps</source>
        <translation>没有时间戳复用仍在继续：connect() 不失败，TWRecycled 上升，新连接不带时间戳</translation>
    </message>
    <message>
        <source>Reuse goes on without timestamps: no connect() failed (%1), TWRecycled +%2, %3 of %4 new connections carried timestamps in the last %5 s</source>
        <translation>没有时间戳复用仍在继续：最近 %5 秒内没有 connect() 失败（%1 次），TWRecycled +%2，%4 个新连接中有 %3 个带时间戳</translation>
    </message>
    <message>
        <source>tcp_timestamps = 0 since the lab started, or since its TIME-WAIT entries expired</source>
        <translation>自实验室启动起，或自其 TIME-WAIT 条目过期起，tcp_timestamps = 0</translation>
    </message>
    <message>
        <source>Once no entry carries a timestamp record, connect() fails again and TWRecycled stays</source>
        <translation>一旦没有条目带有时间戳记录，connect() 就再次失败，TWRecycled 不再增加</translation>
    </message>
    <message>
        <source>No entry carries a timestamp record: connect() failed with EADDRNOTAVAIL %1 times and TWRecycled rose by %2 in the last %3 s</source>
        <translation>没有条目带有时间戳记录：最近 %3 秒内 connect() 以 EADDRNOTAVAIL 失败 %1 次，TWRecycled 增加了 %2</translation>
    </message>
</context>
<context>
    <name>LabCommand</name>
    <message>
        <source>The training lab ended: %1</source>
        <translation>培训实验室已结束：%1</translation>
    </message>
    <message>
        <source>The lab's sysctls could not be set: %1</source>
        <translation>无法设置实验室的 sysctl：%1</translation>
    </message>
    <message>
        <source>Exit status 0: every checkpoint that applies held.</source>
        <translation>退出码 0：所有适用的检查点都成立。</translation>
    </message>
    <message>
        <source>Exit status 1: the watch checkpoints %1 did not hold (the problem they watch for did not appear) and every change checkpoint that applies held, as when a fix is given with --set.</source>
        <translation>退出码 1：watch 检查点 %1 未成立（它们观察的问题没有出现），而所有适用的 change 检查点都成立，就像用 --set 给出修复时那样。</translation>
    </message>
    <message>
        <source>Exit status 1: these checkpoints did not hold: %1.</source>
        <translation>退出码 1：这些检查点未成立：%1。</translation>
    </message>
</context>
<context>
    <name>LabController</name>
    <message>
        <source>&amp;Lab</source>
        <translation>实验室(&amp;L)</translation>
    </message>
    <message>
        <source>Open training lab…</source>
        <translation>打开培训实验室…</translation>
    </message>
    <message>
        <source>A lab of its own, run as you: make TIME-WAIT happen, change its sysctls, watch the effect. Nothing of this host changes.</source>
        <translation>一个独立的实验室，以你的身份运行：制造 TIME-WAIT，修改它的 sysctl，观察效果。本机的任何设置都不会改变。</translation>
    </message>
    <message>
        <source>LAB — training lab</source>
        <translation>LAB — 培训实验室</translation>
    </message>
</context>
<context>
    <name>LabLoadControls</name>
    <message>
        <source>New connections a second</source>
        <translation>每秒新建连接</translation>
    </message>
    <message>
        <source>Connections at once</source>
        <translation>同时连接数</translation>
    </message>
    <message>
        <source>Closes first</source>
        <translation>先关闭的一方</translation>
    </message>
    <message>
        <source>Request bytes</source>
        <translation>请求字节数</translation>
    </message>
    <message>
        <source>Clients connect to</source>
        <translation>客户端连接到</translation>
    </message>
    <message>
        <source>Source addresses</source>
        <translation>源地址数</translation>
    </message>
    <message>
        <source>Server backlog</source>
        <translation>服务器 backlog</translation>
    </message>
    <message>
        <source>Accepts a second</source>
        <translation>每秒 accept 次数</translation>
    </message>
    <message>
        <source>the client</source>
        <translation>客户端</translation>
    </message>
    <message>
        <source>the server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <source>the client; the server never closes</source>
        <translation>客户端；服务器从不关闭</translation>
    </message>
    <message>
        <source>127.0.0.1 (loopback)</source>
        <translation>127.0.0.1（环回）</translation>
    </message>
    <message>
        <source>10.77.0.1 (the lab's own, not loopback)</source>
        <translation>10.77.0.1（实验室自己的地址，不是环回）</translation>
    </message>
    <message>
        <source>Keep-alive (a pool of connections)</source>
        <translation>Keep-alive（连接池）</translation>
    </message>
    <message>
        <source>IP_BIND_ADDRESS_NO_PORT</source>
        <translation>IP_BIND_ADDRESS_NO_PORT</translation>
    </message>
    <message>
        <source>at once</source>
        <translation>立即</translation>
    </message>
    <message>
        <source>The clients bind to 10.77.0.1 … 10.77.0.N (or 127.0.0.1 … 127.0.0.N) in turn.</source>
        <translation>客户端依次绑定 10.77.0.1 … 10.77.0.N（或 127.0.0.1 … 127.0.0.N）。</translation>
    </message>
    <message>
        <source>What the lab's clients and server do (changes apply at once)</source>
        <translation>实验室中客户端和服务器的行为（修改立即生效）</translation>
    </message>
    <message>
        <source>the client only</source>
        <extracomment>Short: the client closes, the server never does (its long form is the tooltip)</extracomment>
        <translation>仅客户端关闭</translation>
    </message>
    <message>
        <source>10.77.0.1 (lab)</source>
        <translation>10.77.0.1（实验室）</translation>
    </message>
    <message>
        <source>The client closes first: its side keeps TIME-WAIT.</source>
        <translation>客户端先关闭：TIME-WAIT 留在客户端一侧。</translation>
    </message>
    <message>
        <source>The server closes first: its side keeps TIME-WAIT.</source>
        <translation>服务器先关闭：TIME-WAIT 留在服务器一侧。</translation>
    </message>
</context>
<context>
    <name>LabPanel</name>
    <message>
        <source>connect(): %1 tried, %2 connected, %3 failed with EADDRNOTAVAIL, %4 other failures; server: %5 accepted</source>
        <translation>connect()：尝试 %1 次，连接成功 %2 次，因 EADDRNOTAVAIL 失败 %3 次，其他失败 %4 次；服务器：accept %5 次</translation>
    </message>
    <message>
        <source>… waiting for the lab's first figures</source>
        <translation>……正在等待实验室的第一批数据</translation>
    </message>
    <message>
        <source>After the change (%1): </source>
        <translation>修改之后（%1）：</translation>
    </message>
    <message>
        <source>%1 (measuring…)</source>
        <translation>%1（测量中…）</translation>
    </message>
    <message>
        <source>Held before the change; now: %1</source>
        <translation>更改前成立；现在：%1</translation>
    </message>
    <message>
        <source>Watch:</source>
        <translation>观察：</translation>
    </message>
    <message>
        <source>Change:</source>
        <translation>修改：</translation>
    </message>
    <message>
        <source>What should happen:</source>
        <translation>应当发生的：</translation>
    </message>
    <message>
        <source>Scenario:</source>
        <translation>场景：</translation>
    </message>
    <message>
        <source>Restart</source>
        <translation>重新开始</translation>
    </message>
    <message>
        <source>A fresh lab for this scenario: new namespaces, its own sysctls, no sockets.</source>
        <translation>为此场景新建实验室：新的命名空间、它自己的 sysctl、没有任何套接字。</translation>
    </message>
    <message>
        <source>Checkpoints (judged from live figures every second):</source>
        <translation>检查点（每秒根据实时数据判断）：</translation>
    </message>
    <message>
        <source>Scenario</source>
        <translation>场景</translation>
    </message>
    <message>
        <source>Load</source>
        <translation>负载</translation>
    </message>
</context>
<context>
    <name>LabScenario</name>
    <message>
        <source>1. The server closes first</source>
        <translation>1. 服务器先关闭</translation>
    </message>
    <message>
        <source>Clients on 127.0.0.1 send 50 requests a second to a server on port 8080 that closes each connection after its answer. Watch TIME-WAIT per port (by local port) and the socket table: the entries sit on the server's port 8080, one per closed connection, for 60 s.</source>
        <translation>127.0.0.1 上的客户端每秒向端口 8080 上的服务器发送 50 个请求，服务器在应答后关闭每个连接。观察按端口的 TIME-WAIT（按本地端口）和套接字表：条目位于服务器的端口 8080 上，每关闭一个连接一条，保留 60 秒。</translation>
    </message>
    <message>
        <source>Turn keep-alive on in the load controls.</source>
        <translation>在负载控制中开启 keep-alive。</translation>
    </message>
    <message>
        <source>2. The client closes first</source>
        <translation>2. 客户端先关闭</translation>
    </message>
    <message>
        <source>The same traffic, but each client closes first once it has its answer. Watch TIME-WAIT by remote port: the entries are now on the client side, towards port 8080, each holding an ephemeral port; the port pressure of 127.0.0.1 → 127.0.0.1:8080 climbs in the overview.</source>
        <translation>同样的流量，但每个客户端收到应答后先关闭。观察按远端端口的 TIME-WAIT：条目现在位于客户端一侧，指向端口 8080，每条占用一个临时端口；概览中 127.0.0.1 → 127.0.0.1:8080 的端口压力在上升。</translation>
    </message>
    <message>
        <source>Turn keep-alive on, or let the server close first.</source>
        <translation>开启 keep-alive，或让服务器先关闭。</translation>
    </message>
    <message>
        <source>With keep-alive no new TIME-WAIT appears; with the server closing first the new entries move to local port 8080 and the client's ephemeral ports are free again at once.</source>
        <translation>开启 keep-alive 后不再出现新的 TIME-WAIT；改为服务器先关闭后，新条目移到本地端口 8080，客户端的临时端口立即重新可用。</translation>
    </message>
    <message>
        <source>3. Port exhaustion</source>
        <translation>3. 端口耗尽</translation>
    </message>
    <message>
        <source>ip_local_port_range is cut to 64 ports (40000–40063) and clients connect 30 times a second to 10.77.0.1:8080, an address of the lab's own that is not a loopback address, closing first. Watch the lab's chart: after about two seconds every port holds a TIME-WAIT entry and connect() fails with EADDRNOTAVAIL.</source>
        <translation>ip_local_port_range 缩小到 64 个端口（40000–40063），客户端每秒 30 次连接 10.77.0.1:8080（实验室自己的地址，不是环回地址），并由客户端先关闭。观察实验室的图表：大约两秒后每个端口都被一个 TIME-WAIT 条目占用，connect() 因 EADDRNOTAVAIL 失败。</translation>
    </message>
    <message>
        <source>4. The TIME-WAIT table overflows</source>
        <translation>4. TIME-WAIT 表溢出</translation>
    </message>
    <message>
        <source>tcp_max_tw_buckets is set to 64 and a server closing first makes 100 TIME-WAIT entries a second. Watch TIME-WAIT stop at 64 and the counter rates: TCPTimeWaitOverflow rises, one for each close that got no TIME-WAIT entry.</source>
        <translation>tcp_max_tw_buckets 设为 64，先关闭的服务器每秒产生 100 个 TIME-WAIT 条目。观察 TIME-WAIT 停在 64，以及计数器速率：TCPTimeWaitOverflow 上升，每次没有得到 TIME-WAIT 条目的关闭计一次。</translation>
    </message>
    <message>
        <source>Raise tcp_max_tw_buckets to 100000.</source>
        <translation>把 tcp_max_tw_buckets 提高到 100000。</translation>
    </message>
    <message>
        <source>TCPTimeWaitOverflow stops rising and TIME-WAIT grows again, up to 100 a second × 60 s.</source>
        <translation>TCPTimeWaitOverflow 停止上升，TIME-WAIT 重新增长，最多到每秒 100 个 × 60 秒。</translation>
    </message>
    <message>
        <source>5. Orphaned FIN-WAIT-2</source>
        <translation>5. 孤儿 FIN-WAIT-2</translation>
    </message>
    <message>
        <source>Clients close after their answer, but the server never closes its side. Each client socket is orphaned in FIN-WAIT-2 (the server's side stays in CLOSE-WAIT). tcp_fin_timeout is set to 3 s here: watch FIN-WAIT-2 level off at about 20 a second × 3 s.</source>
        <translation>客户端收到应答后关闭，但服务器从不关闭自己一侧。每个客户端套接字都成为 FIN-WAIT-2 中的孤儿（服务器一侧停在 CLOSE-WAIT）。这里 tcp_fin_timeout 设为 3 秒：观察 FIN-WAIT-2 稳定在约每秒 20 个 × 3 秒。</translation>
    </message>
    <message>
        <source>Set tcp_fin_timeout back to 60, or lower tcp_max_tw_buckets to 20.</source>
        <translation>把 tcp_fin_timeout 改回 60，或把 tcp_max_tw_buckets 降到 20。</translation>
    </message>
    <message>
        <source>6. The listener's queues</source>
        <translation>6. 监听套接字的队列</translation>
    </message>
    <message>
        <source>The server accepts only 2 connections a second with a backlog of 16, while clients try 50 a second. Watch the listener in the socket table: Recv-Q is the accept queue, Send-Q its limit.</source>
        <translation>服务器每秒只 accept 2 个连接，backlog 为 16，而客户端每秒尝试 50 次。观察套接字表中的监听套接字：Recv-Q 是全连接队列，Send-Q 是它的上限。</translation>
    </message>
    <message>
        <source>Set net.core.somaxconn to 4 (below the backlog of 16).</source>
        <translation>把 net.core.somaxconn 设为 4（低于 backlog 16）。</translation>
    </message>
    <message>
        <source>The queue fills past its limit min(backlog, somaxconn): the kernel calls it full once it holds more. While it is full, new SYNs are dropped (ListenOverflows and ListenDrops rise) even with tcp_syncookies = 1: cookies only replace the half-open queue. Clients wait in SYN-SENT and retry. After somaxconn = 4 the lab's server calls listen() again and the limit becomes 4.</source>
        <translation>队列会超过其上限 min(backlog, somaxconn)：内核在队列中的连接多于上限时才认为它已满。队列满时，新的 SYN 会被丢弃（ListenOverflows 和 ListenDrops 上升），即使 tcp_syncookies = 1 也是如此：cookie 只替代半连接队列。客户端停在 SYN-SENT 并重试。somaxconn = 4 之后，实验室的服务器再次调用 listen()，上限变为 4。</translation>
    </message>
    <message>
        <source>The pooled connections carry the requests: no new timewait entries are made (TcpExt TW and TWKilled stay), and those there expire after 60 s.</source>
        <translation>请求改由连接池中的连接承载：不再产生新的 timewait 条目（TcpExt TW 和 TWKilled 不再增加），已有的在 60 秒后过期。</translation>
    </message>
    <message>
        <source>Orphaned FIN-WAIT-2 entries live in the TIME-WAIT table: sockstat tw counts them with TIME-WAIT, and with tcp_fin_timeout of 4 s or less TcpExt TWKilled counts them as they enter the table. At 60 s they pile up to about 1,200; with tcp_max_tw_buckets at 20 they stop at 20 and TCPTimeWaitOverflow rises.</source>
        <translation>孤儿 FIN-WAIT-2 条目位于 timewait 表中：sockstat tw 把它们与 TIME-WAIT 一起计数；tcp_fin_timeout 不超过 4 秒时，它们进入该表时即计入 TcpExt TWKilled。设为 60 秒时它们会累积到约 1,200 个；tcp_max_tw_buckets 为 20 时停在 20，并且 TCPTimeWaitOverflow 上升。</translation>
    </message>
    <message>
        <source>Set tcp_tw_reuse to 1 in the sysctl pane. Then set tcp_timestamps to 0 while the load runs. Then pause the load for about 65 s and run it again (or start the lab with sockscope --lab port-exhaustion --set net.ipv4.tcp_tw_reuse=1 --set net.ipv4.tcp_timestamps=0). Or give the clients more source addresses, or target 127.0.0.1 instead.</source>
        <translation>在 sysctl 面板中把 tcp_tw_reuse 设为 1。然后在负载运行时把 tcp_timestamps 设为 0。再把负载暂停约 65 秒，然后重新运行（或用 sockscope --lab port-exhaustion --set net.ipv4.tcp_tw_reuse=1 --set net.ipv4.tcp_timestamps=0 启动实验室）。也可以给客户端更多源地址，或改为连接 127.0.0.1。</translation>
    </message>
    <message>
        <source>With tcp_tw_reuse = 1 connect() takes over TIME-WAIT entries older than tcp_tw_reuse_delay (TWRecycled rises) and the failures stop. The default 2 covers loopback addresses only, which is why they happened towards 10.77.0.1 and do not happen towards 127.0.0.1. connect() takes over only an entry that recorded the peer's timestamp, and the new connection inherits that record and hands it to its own entry. So after tcp_timestamps = 0 reuse goes on: no failures, TWRecycled still rises, and the new connections carry no timestamps (so no PAWS either). Only once the entries have expired unused (a pause of about 65 s, or a lab started with tcp_tw_reuse = 1 and tcp_timestamps = 0) do the failures come back and TWRecycled stays. Each extra source address brings another 64 ports (two addresses: the failures start after about four seconds instead of two); IP_BIND_ADDRESS_NO_PORT alone changes nothing towards one destination.</source>
        <translation>tcp_tw_reuse = 1 时，connect() 会接管存在时间超过 tcp_tw_reuse_delay 的 TIME-WAIT 条目（TWRecycled 上升），失败随之停止。默认值 2 只适用于环回地址，所以失败发生在指向 10.77.0.1 的连接上，而指向 127.0.0.1 时不会发生。connect() 只接管记录了对端时间戳的条目，新连接会继承这条记录，并把它交给自己的条目。所以设 tcp_timestamps = 0 之后复用仍在继续：没有失败，TWRecycled 仍在上升，而新连接不带时间戳（因此也没有 PAWS）。只有当这些条目未被使用而过期之后（暂停约 65 秒，或在以 tcp_tw_reuse = 1 和 tcp_timestamps = 0 启动的实验室中），失败才会再次出现，TWRecycled 不再增加。每多一个源地址就多 64 个端口（两个地址：失败大约在四秒而不是两秒后开始）；单独使用 IP_BIND_ADDRESS_NO_PORT 对同一个目标没有任何改变。</translation>
    </message>
</context>
<context>
    <name>LabSource</name>
    <message>
        <source>the training lab</source>
        <translation>培训实验室</translation>
    </message>
    <message>
        <source>LAB · %1</source>
        <translation>实验室 LAB · %1</translation>
    </message>
    <message>
        <source>training lab</source>
        <translation>培训实验室</translation>
    </message>
</context>
<context>
    <name>LabSysctlChanger</name>
    <message>
        <source>Apply writes them in the lab's own network namespace, as root of the lab's user namespace (no password, nothing of the host changes): %1 apply %2</source>
        <translation>“应用”会以实验室用户命名空间中的 root 身份，把它们写入实验室自己的网络命名空间（无需密码，主机的任何设置都不会改变）：%1 apply %2</translation>
    </message>
    <message>
        <source>Not available in the lab: its sysctls end with it</source>
        <translation>实验室中不可用：其 sysctl 随实验室一同结束</translation>
    </message>
    <message>
        <source>The lab's sysctls belong to its own network namespace and end with it; /etc/sysctl.d applies to the host only.</source>
        <translation>实验室的 sysctl 属于它自己的网络命名空间，随实验室一同结束；/etc/sysctl.d 只作用于主机。</translation>
    </message>
    <message>
        <source>Nothing was sent: %1</source>
        <translation>未发送任何内容：%1</translation>
    </message>
</context>
<context>
    <name>LanguageMenu</name>
    <message>
        <source>&amp;Language</source>
        <extracomment>Menu title; keep "Language" recognisable for people who cannot read the current language</extracomment>
        <translation>语言 Language(&amp;L)</translation>
    </message>
</context>
<context>
    <name>LocalSource</name>
    <message>
        <source>this host</source>
        <translation>本机</translation>
    </message>
    <message>
        <source>namespace %1</source>
        <translation>命名空间 %1</translation>
    </message>
    <message>
        <source>current</source>
        <translation>当前</translation>
    </message>
</context>
<context>
    <name>LocalSysctlChanger</name>
    <message>
        <source>sockscope writes them itself (it runs as root here).</source>
        <translation>由 sockscope 自己写入（它在此以 root 身份运行）。</translation>
    </message>
    <message>
        <source>Runs: %1 (one authorization prompt for all of them)</source>
        <translation>执行：%1（所有修改只需授权一次）</translation>
    </message>
    <message>
        <source>Nothing is being sampled, so there is no namespace to change.</source>
        <translation>当前没有在采样，因此没有可修改的命名空间。</translation>
    </message>
    <message>
        <source>pkexec is not installed, so sockscope cannot ask for administrator rights. Install it (Debian: apt install pkexec) or change the value as root.</source>
        <translation>未安装 pkexec，sockscope 无法请求管理员权限。请安装它（Debian：apt install pkexec），或以 root 身份修改。</translation>
    </message>
    <message>
        <source>The sampled network namespace could not be kept open (too many open files?), so nothing was changed. Open the namespace again and retry.</source>
        <translation>无法保持所采样的网络命名空间处于打开状态（打开的文件过多？），因此没有做任何更改。请重新打开该命名空间后重试。</translation>
    </message>
    <message>
        <source>Could not start %1: %2.</source>
        <translation>无法启动 %1：%2。</translation>
    </message>
    <message>
        <source>The helper crashed; the values shown are re-read from the kernel.</source>
        <translation>辅助程序崩溃了；显示的值是重新从内核读取的。</translation>
    </message>
    <message>
        <source>Authorization was dismissed; nothing was changed.</source>
        <translation>授权对话框被取消；未做任何修改。</translation>
    </message>
    <message>
        <source>Not authorized to change system settings, or the helper could not be started; nothing was changed. %1</source>
        <translation>无权修改系统设置，或无法启动辅助程序；未做任何修改。%1</translation>
    </message>
    <message>
        <source>The helper failed (exit code %1): %2</source>
        <translation>辅助程序失败（退出码 %1）：%2</translation>
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
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;About sockscope</source>
        <translation>关于 sockscope(&amp;A)</translation>
    </message>
    <message>
        <source>Open recording</source>
        <translation>打开录制文件</translation>
    </message>
    <message>
        <source>Full screen</source>
        <translation>全屏</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
        <source>Space</source>
        <translation>空格</translation>
    </message>
    <message>
        <source>Pause or resume sampling (when no button or text field has the focus)</source>
        <translation>暂停或继续采样（焦点不在按钮或输入框上时）</translation>
    </message>
    <message>
        <source>Open a recording</source>
        <translation>打开录制文件</translation>
    </message>
    <message>
        <source>Add a marker at this moment</source>
        <translation>在此刻添加标记</translation>
    </message>
    <message>
        <source>Capture a picture of the window or a chart</source>
        <translation>截取窗口或某个图表的图片</translation>
    </message>
    <message>
        <source>Full screen (for a projector)</source>
        <translation>全屏（用于投影）</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>Mouse over a chart</source>
        <translation>鼠标悬停在图表上</translation>
    </message>
    <message>
        <source>Crosshair with every series' value at that time</source>
        <translation>十字线，显示该时刻每条曲线的数值</translation>
    </message>
    <message>
        <source>Wheel on a chart</source>
        <translation>在图表上滚动滚轮</translation>
    </message>
    <message>
        <source>Zoom the time axis around the pointer</source>
        <translation>以指针为中心缩放时间轴</translation>
    </message>
    <message>
        <source>Drag on a zoomed chart</source>
        <translation>在已缩放的图表上拖动</translation>
    </message>
    <message>
        <source>Pan along the time axis</source>
        <translation>沿时间轴平移</translation>
    </message>
    <message>
        <source>Double-click on a chart</source>
        <translation>双击图表</translation>
    </message>
    <message>
        <source>Show the whole time window again</source>
        <translation>重新显示整个时间窗口</translation>
    </message>
    <message>
        <source>Right-click on a marker</source>
        <translation>右键单击标记</translation>
    </message>
    <message>
        <source>Rename or delete the marker</source>
        <translation>重命名或删除标记</translation>
    </message>
    <message>
        <source>Click on a legend entry</source>
        <translation>单击图例项</translation>
    </message>
    <message>
        <source>Hide or show that series</source>
        <translation>隐藏或显示该曲线</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <source>Focus the socket table's filter</source>
        <translation>聚焦到套接字表的过滤框</translation>
    </message>
    <message>
        <source>Copy the selected sockets as TSV with a header</source>
        <translation>将选中的套接字复制为带表头的 TSV</translation>
    </message>
    <message>
        <source>Save an incident bundle (picture, JSON, history, sysctl changes, recording)</source>
        <translation>保存故障资料包（截图、JSON、历史、sysctl 修改、录制文件）</translation>
    </message>
</context>
<context>
    <name>MixUpCatalog</name>
    <message>
        <source>TIME-WAIT lasts 60 seconds on Linux</source>
        <translation>Linux 上的 TIME-WAIT 持续 60 秒</translation>
    </message>
    <message>
        <source>Its length is TCP_TIMEWAIT_LEN, fixed at 60 s when the kernel is built; no sysctl changes it, tcp_fin_timeout included. The textbook rule is 2 × MSL with an MSL of 2 minutes, which makes 4 minutes; Linux does not follow it. An entry can last longer than 60 s: some segments for the old connection, such as a retransmitted FIN, restart its timer.</source>
        <translation>它的时长是 TCP_TIMEWAIT_LEN，在编译内核时固定为 60 秒；没有任何 sysctl 能修改它，tcp_fin_timeout 也不行。教科书上的规则是 2 × MSL，MSL 为 2 分钟，即 4 分钟；Linux 并不采用。条目可能持续超过 60 秒：旧连接的某些报文段（例如重传的 FIN）会让它的计时器重新开始。</translation>
    </message>
    <message>
        <source>tcp_fin_timeout is not the TIME-WAIT timeout</source>
        <translation>tcp_fin_timeout 不是 TIME-WAIT 的超时时间</translation>
    </message>
    <message>
        <source>TcpExt TW counts more than TIME-WAIT</source>
        <translation>TcpExt TW 统计的不只是 TIME-WAIT</translation>
    </message>
    <message>
        <source>The side that closes first holds TIME-WAIT</source>
        <translation>先关闭连接的一方持有 TIME-WAIT</translation>
    </message>
    <message>
        <source>tcp_tw_reuse helps only outgoing connections, and its default is no longer 0</source>
        <translation>tcp_tw_reuse 只对主动发起的连接有用，而且默认值已不再是 0</translation>
    </message>
    <message>
        <source>SO_REUSEADDR does not let two servers share a port</source>
        <translation>SO_REUSEADDR 不能让两个服务器共用一个端口</translation>
    </message>
    <message>
        <source>SO_REUSEPORT and IP_BIND_ADDRESS_NO_PORT are different things</source>
        <translation>SO_REUSEPORT 和 IP_BIND_ADDRESS_NO_PORT 是不同的东西</translation>
    </message>
    <message>
        <source>SO_REUSEPORT (Linux 3.9) lets several sockets with the same effective user bind one port, and the kernel spreads connections among them. IP_BIND_ADDRESS_NO_PORT (Linux 4.2) helps a program that bind()s a source address before connect(): the port is then chosen at connect() time, so one port can serve different destinations. It does not raise the limit towards one destination. IP_LOCAL_PORT_RANGE (Linux 6.3) narrows the range for one socket. None of them shortens TIME-WAIT.</source>
        <translation>SO_REUSEPORT（Linux 3.9）让有效用户相同的多个套接字绑定同一个端口，由内核在它们之间分配连接。IP_BIND_ADDRESS_NO_PORT（Linux 4.2）帮助在 connect() 之前先 bind() 源地址的程序：端口推迟到 connect() 时才选择，因此一个端口可以服务不同的目的端。它不会提高连往同一个目的端的上限。IP_LOCAL_PORT_RANGE（Linux 6.3）为单个套接字缩小端口范围。它们都不会缩短 TIME-WAIT。</translation>
    </message>
    <message>
        <source>SO_LINGER {1, 0} is not a TIME-WAIT fix</source>
        <translation>SO_LINGER {1, 0} 不是解决 TIME-WAIT 的办法</translation>
    </message>
    <message>
        <source>With l_onoff = 1 and l_linger = 0, close() sends an RST and the connection skips TIME-WAIT, but data not yet delivered is lost and the peer gets "connection reset". TIME-WAIT's protection goes with it.</source>
        <translation>设置 l_onoff = 1、l_linger = 0 时，close() 会发送 RST，连接跳过 TIME-WAIT，但尚未送达的数据会丢失，对端会收到 "connection reset"。TIME-WAIT 的保护也随之消失。</translation>
    </message>
    <message>
        <source>tcp_tw_recycle is gone</source>
        <translation>tcp_tw_recycle 已经不存在</translation>
    </message>
    <message>
        <source>It was removed in Linux 4.12 after breaking clients behind NAT; advice to turn it on is out of date. Its entry in the list says whether this kernel still has the file.</source>
        <translation>它在 Linux 4.12 中被移除，因为它让 NAT 后面的客户端连接失败；建议打开它的说法已经过时。列表中它的条目会说明当前内核是否仍有这个文件。</translation>
    </message>
    <message>
        <source>TIME-WAIT costs little memory</source>
        <translation>TIME-WAIT 占用的内存很少</translation>
    </message>
    <message>
        <source>An entry is a small slab object (tw_sock_TCP in /proc/slabinfo), a few hundred bytes. What runs out first is a client's local ports towards one destination, not memory.</source>
        <translation>一个条目是一个很小的 slab 对象（/proc/slabinfo 中的 tw_sock_TCP），几百字节。先耗尽的是客户端连往同一目的端的本地端口，而不是内存。</translation>
    </message>
    <message>
        <source>It limits how long an orphaned connection waits in FIN-WAIT-2 for the peer's FIN: the value itself up to 60 s; above 60 s, 2 × (value − 60) s, first as a full socket. As an entry in the timewait table, ss shows it as FIN-WAIT-2 with a timewait timer, sockstat counts it under tw and it counts against tcp_max_tw_buckets.</source>
        <translation>它限制孤儿连接在 FIN-WAIT-2 中等待对端 FIN 的时长：取值不超过 60 秒时即等待该时长；超过 60 秒时为 2 ×（取值 − 60）秒，先以完整套接字等待。作为 timewait 表中的条目时，ss 把它显示为带 timewait 计时器的 FIN-WAIT-2，sockstat 把它计入 tw，它也占用 tcp_max_tw_buckets 的名额。</translation>
    </message>
    <message>
        <source>A server that closes first (HTTP without keep-alive) holds the entries on its own listening port: cheap and harmless up to tcp_max_tw_buckets. A client that closes first holds them on its local ports: each keeps that port busy towards its destination until it expires or connect() takes it over.</source>
        <translation>先关闭连接的服务器（没有 keep-alive 的 HTTP）在自己的监听端口上持有这些条目：在 tcp_max_tw_buckets 以内代价很小、无害。先关闭连接的客户端在自己的本地端口上持有它们：每个条目都会让该端口对其目的端保持占用，直到条目到期或被 connect() 接管。</translation>
    </message>
    <message>
        <source>A container does not get the host's TIME-WAIT sysctls</source>
        <translation>容器不会继承宿主机的 TIME-WAIT 相关 sysctl</translation>
    </message>
    <message>
        <source>A new network namespace starts the settings sockscope lists at the kernel's built-in defaults, not at the host's values: /etc/sysctl.d applies to the host's namespace only. Not every sysctl does: tcp_rmem, tcp_wmem and tcp_congestion_control start as copies of the host's. The tcp_max_tw_buckets and tcp_max_syn_backlog defaults follow the established hash the namespace uses: the host's, unless tcp_child_ehash_entries was set where the namespace was created, which gives it a hash of its own. Global settings such as tcp_max_orphans stay the host's.</source>
        <translation>新的网络命名空间中，sockscope 列出的这些设置从内核的内置默认值开始，而不是宿主机的取值：/etc/sysctl.d 只作用于宿主机的命名空间。并非所有 sysctl 都如此：tcp_rmem、tcp_wmem 和 tcp_congestion_control 一开始是宿主机取值的副本。tcp_max_tw_buckets 和 tcp_max_syn_backlog 的默认值随该命名空间所用的 established 哈希表而定：默认用宿主机的哈希表，除非创建命名空间的地方设置了 tcp_child_ehash_entries，这时它会有自己的哈希表。tcp_max_orphans 这类全局设置仍然是宿主机的。</translation>
    </message>
    <message>
        <source>Only connect() consults it, when it picks a local port. Since 2018 the default is 2: loopback traffic only. Where it applies, connect() may take over an entry older than the reuse delay if the entry holds a record of a peer timestamp (received by the old connection, or inherited when it took over an earlier entry); nothing expires early. A program that sets SO_REUSEADDR, bind()s the port of an entry whose socket also had SO_REUSEADDR, then connect()s, takes the entry over whatever the setting and the delay say (if it holds such a record). A server gains nothing from it.</source>
        <translation>只有 connect() 在选择本地端口时才会查看它。自 2018 年起默认值是 2：只用于环回流量。在它适用时，如果条目带有对端时间戳的记录（由旧连接收到，或旧连接在接管更早的条目时继承而来），connect() 可以接管存在时间超过复用延迟的条目；没有任何条目会提前过期。若程序设置 SO_REUSEADDR，bind() 到某个条目的端口（该条目原来的套接字也设置过 SO_REUSEADDR）再 connect()，则不论这个设置和延迟如何都会接管该条目（前提是条目带有这样的记录）。服务器从中得不到任何好处。</translation>
    </message>
    <message>
        <source>It lets bind() take a port whose old connections are still in TIME-WAIT, as when a server restarts; the old sockets and the new one must both have it set. It never lets two sockets listen on overlapping addresses: with it, 127.0.0.1 and 0.0.0.0 can both be bound to one port, but both cannot listen: once one listens, the other's bind() or listen() fails.</source>
        <translation>它让 bind() 能占用一个旧连接仍处于 TIME-WAIT 的端口，例如服务器重启时；旧套接字和新套接字都必须设置它。它从不允许两个套接字在重叠的地址上监听：设置它之后，127.0.0.1 和 0.0.0.0 可以都绑定到同一端口，但不能都监听：只要其中一个开始监听，另一个的 bind() 或 listen() 就会失败。</translation>
    </message>
    <message>
        <source>TW and TWKilled count entries of the timewait table once, as they are made, by their first timeout: TW when it is over 4 s, TWKilled when it is 4 s or less. An orphaned FIN-WAIT-2 entry that then gets the peer's FIN becomes a 60 s TIME-WAIT and is not counted again. A server that closes first usually goes through such a FIN-WAIT-2 entry, so with tcp_fin_timeout of 4 s or less (or 61 to 64 s) its TIME-WAIT lands in TWKilled, and with the default 60 s TW also counts FIN-WAIT-2 entries that never become TIME-WAIT. Neither counter is "entered TIME-WAIT". TWRecycled counts entries taken over by connect(): TIME-WAIT through tcp_tw_reuse, and after bind() to an explicit port orphaned FIN-WAIT-2 entries too. The counters belong to the network namespace: in a container they count since the namespace was created, not since boot.</source>
        <translation>TW 和 TWKilled 在 timewait 表的条目创建时按其第一次超时各计一次：超过 4 秒计入 TW，4 秒或更短计入 TWKilled。孤儿 FIN-WAIT-2 条目随后收到对端的 FIN 时，会变成 60 秒的 TIME-WAIT，但不会再被计数。先关闭的服务器通常会经过这样的 FIN-WAIT-2 条目，所以当 tcp_fin_timeout 不超过 4 秒（或为 61 到 64 秒）时，它的 TIME-WAIT 计入 TWKilled；而在默认的 60 秒下，TW 也统计那些从未变成 TIME-WAIT 的 FIN-WAIT-2 条目。两个计数器都不是“进入 TIME-WAIT”的数量。TWRecycled 统计被 connect() 接管的条目：通过 tcp_tw_reuse 接管的 TIME-WAIT 条目，以及 bind() 到明确端口后接管的条目（此时也包括孤儿 FIN-WAIT-2 条目）。这些计数器属于网络命名空间：在容器中它们从命名空间创建时开始计数，而不是从开机时开始。</translation>
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
        <source>Amber from %1 % of tcp_max_tw_buckets, red from %2 %; at 100 % the kernel makes no more timewait entries.</source>
        <translation>达到 tcp_max_tw_buckets 的 %1 % 时变为琥珀色，%2 % 时变为红色；达到 100 % 时内核不再创建 timewait 条目。</translation>
    </message>
    <message>
        <source>Amber from %1 % of the usable ports: connect() tries the ports of one parity first, and past half the range those are mostly taken, so each connect() scans longer; red from %2 %; at 100 % connect() fails with EADDRNOTAVAIL.</source>
        <translation>达到可用端口的 %1 % 时变为琥珀色：connect() 先尝试同一奇偶性的端口，超过范围的一半后这些端口大多已被占用，每次 connect() 的扫描都会更长；%2 % 时变为红色；达到 100 % 时 connect() 以 EADDRNOTAVAIL 失败。</translation>
    </message>
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
        <source>%1 (IPv4 %2, IPv6 %3); %4 established</source>
        <translation>%1 个（IPv4 %2，IPv6 %3）；已建立连接 %4 个</translation>
    </message>
    <message>
        <source>after the next refresh</source>
        <translation>下次刷新后显示</translation>
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
    <message>
        <source>From /proc/slabinfo: the whole host, every namespace.</source>
        <translation>来自 /proc/slabinfo：整台主机、所有命名空间。</translation>
    </message>
    <message>
        <source>Estimated: %1.</source>
        <translation>估算：%1。</translation>
    </message>
    <message>
        <source>TIME-WAIT %1 of %2 for all TCP (host-wide)</source>
        <translation>TIME-WAIT 占 %1，全部 TCP 共 %2（整机）</translation>
    </message>
    <message>
        <source>TIME-WAIT ≈ %1 of ≈ %2 for all TCP (estimate)</source>
        <translation>TIME-WAIT 约 %1，全部 TCP 约 %2（估算）</translation>
    </message>
    <message>
        <source>%1; %2 established</source>
        <translation>%1；%2 个 ESTABLISHED</translation>
    </message>
    <message>
        <source>not known for this sample</source>
        <translation>此样本未知</translation>
    </message>
    <message>
        <source>%1 per second at this sample (TCPTimeWaitOverflow)</source>
        <translation>此样本每秒 %1 次（TCPTimeWaitOverflow）</translation>
    </message>
    <message>
        <source>Worked budget…</source>
        <translation>端口预算推算…</translation>
    </message>
    <message>
        <source>New connections per second towards the busiest tuples, with and without tcp_tw_reuse, worked out from this namespace's values.</source>
        <translation>按本命名空间的实际取值，推算到最繁忙几个目的端每秒可建立的新连接数（启用和不启用 tcp_tw_reuse 两种情况）。</translation>
    </message>
    <message>
        <source>≈ %1 new/s</source>
        <translation>≈ 每秒 %1 个新连接</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 毫秒</translation>
    </message>
    <message>
        <source>needs a socket table; none recorded</source>
        <translation>需要套接字表；未录制</translation>
    </message>
    <message>
        <source>socket table from %1</source>
        <translation>套接字表来自 %1</translation>
    </message>
    <message>
        <source>socket table from %1, %2 s before this sample</source>
        <translation>套接字表来自 %1，比此样本早 %2 秒</translation>
    </message>
    <message>
        <source>socket table from %1, %2 s after this sample</source>
        <translation>套接字表来自 %1，比此样本晚 %2 秒</translation>
    </message>
    <message>
        <source>%1 per second now, %2 in this namespace so far (TCPTimeWaitOverflow)</source>
        <translation>当前每秒 %1 次，本命名空间迄今共 %2 次（TCPTimeWaitOverflow）</translation>
    </message>
    <message>
        <source>%1 of %2 (sockstat tw)</source>
        <translation>%1 / %2（sockstat tw）</translation>
    </message>
    <message>
        <source>sockstat tw: %1 entries in the timewait table, TIME-WAIT and orphaned FIN-WAIT-2, IPv4 and IPv6 together; tcp_max_tw_buckets (%2) caps exactly that. %3 of the socket table's rows are TIME-WAIT.</source>
        <translation>sockstat tw：timewait 表中有 %1 个条目，包括 TIME-WAIT 和孤儿 FIN-WAIT-2，IPv4 和 IPv6 合计；tcp_max_tw_buckets（%2）限制的正是这个数。套接字表中有 %3 行是 TIME-WAIT。</translation>
    </message>
    <message>
        <source>TIME-WAIT rows in the socket table</source>
        <translation>套接字表中的 TIME-WAIT 行</translation>
    </message>
    <message>
        <source>The timewait table against tcp_max_tw_buckets: sockstat tw, which counts TIME-WAIT and orphaned FIN-WAIT-2 entries, IPv4 and IPv6 together, as the limit does. Past it, closing sockets get no entry and TCPTimeWaitOverflow counts them (as it counts entries that could not be allocated).</source>
        <translation>timewait 表与 tcp_max_tw_buckets 的对比：sockstat 的 tw 与该上限一样，统计 TIME-WAIT 和孤儿 FIN-WAIT-2 条目，IPv4 和 IPv6 合计。超过上限后，正在关闭的套接字得不到条目，由 TCPTimeWaitOverflow 计数（条目分配失败时它同样计数）。</translation>
    </message>
    <message>
        <source>%1 TIME-WAIT rows; tcp_max_tw_buckets %2</source>
        <translation>TIME-WAIT 行 %1；tcp_max_tw_buckets %2</translation>
    </message>
    <message>
        <source>tcp_max_tw_buckets caps the whole timewait table (sockstat tw: TIME-WAIT and orphaned FIN-WAIT-2), which this sample does not hold: the TIME-WAIT rows shown are a lower bound of it.</source>
        <translation>tcp_max_tw_buckets 限制的是整个 timewait 表（sockstat tw：TIME-WAIT 加上孤儿 FIN-WAIT-2），而这个样本没有记录它：这里显示的 TIME-WAIT 行数只是它的下限。</translation>
    </message>
    <message>
        <source>%1 (counted %2 s ago)</source>
        <translation>%1（%2 秒前统计）</translation>
    </message>
    <message>
        <source>%1 ms: counters only; sockets counted %2 s ago</source>
        <translation>%1 毫秒：仅读取计数器；套接字为 %2 秒前统计</translation>
    </message>
    <message>
        <source>Dumping every socket costs CPU in proportion to their number, so the agent spaces its dumps to stay within its CPU budget (sockscope-agent --dump-budget, 5 % of one CPU by default). In between, the counters, slab and sysctls are read afresh every sample and the state and port figures repeat the last dump's.</source>
        <translation>逐个转储所有套接字的 CPU 开销与套接字数量成正比，因此代理会拉开两次转储的间隔，使其不超出 CPU 预算（sockscope-agent --dump-budget，默认为一个 CPU 的 5 %）。在两次转储之间，每次采样都会重新读取计数器、slab 和 sysctl，而状态和端口数字沿用上一次转储的结果。</translation>
    </message>
    <message>
        <source>busiest: %1 → %2 uses %3 of %4 usable ports</source>
        <translation>最繁忙：%1 → %2 占用 %3 个，共 %4 个可用端口</translation>
    </message>
    <message>
        <source>Local ports in use towards the busiest destination, against the ports of ip_local_port_range outside ip_local_reserved_ports.</source>
        <translation>到最繁忙目的端已占用的本地端口数，与 ip_local_port_range 中不属于 ip_local_reserved_ports 的端口数相比。</translation>
    </message>
    <message>
        <source>%1 timewait entries made (TW + TWKilled), %2 connections opened, %3 accepted</source>
        <translation>产生 timewait 条目 %1 个（TW + TWKilled），主动建立连接 %2 个，被动接受 %3 个</translation>
    </message>
    <message>
        <source>at least %1 timewait entries made (TW; TWKilled not known), %2 connections opened, %3 accepted</source>
        <translation>产生 timewait 条目至少 %1 个（TW；TWKilled 未知），主动建立连接 %2 个，被动接受 %3 个</translation>
    </message>
    <message>
        <source>at least %1 timewait entries made (TWKilled; TW not known), %2 connections opened, %3 accepted</source>
        <translation>产生 timewait 条目至少 %1 个（TWKilled；TW 未知），主动建立连接 %2 个，被动接受 %3 个</translation>
    </message>
    <message>
        <source>No sample from this place yet.</source>
        <translation>尚未收到来自此处的样本。</translation>
    </message>
</context>
<context>
    <name>PortBudgetDialog</name>
    <message>
        <source>Worked port budget</source>
        <translation>端口预算推算</translation>
    </message>
    <message>
        <source>Tuple (source → destination)</source>
        <translation>元组（源 → 目的）</translation>
    </message>
    <message>
        <source>The (source address, destination address, destination port) tuples using the most local ports now, busiest first.</source>
        <translation>当前占用本地端口最多的（本地地址、远端地址、远端端口）元组，最繁忙的在前。</translation>
    </message>
    <message>
        <source>Source addresses</source>
        <translation>源地址数</translation>
    </message>
    <message>
        <source>Destination ports</source>
        <translation>远端端口数</translation>
    </message>
    <message>
        <source>How many source addresses the client spreads its connections over; starts at the number the tuple's own client is seen using towards that address.</source>
        <translation>客户端把连接分散到多少个源地址上；初始值为此元组自己的客户端当前向该地址使用的数量。</translation>
    </message>
    <message>
        <source>How many ports of that destination address the client connects to; starts at the number the tuple's own client is seen using.</source>
        <translation>客户端连接该远端地址的多少个端口；初始值为此元组自己的客户端当前使用的数量。</translation>
    </message>
    <message>
        <source>%1 → %2 (%3 ports in use)</source>
        <translation>%1 → %2（占用 %3 个端口）</translation>
    </message>
    <message>
        <source>Waiting for the first refresh.</source>
        <translation>等待第一次刷新。</translation>
    </message>
    <message>
        <source>No connection uses a local port of ip_local_port_range now.</source>
        <translation>当前没有连接占用 ip_local_port_range 中的本地端口。</translation>
    </message>
    <message>
        <source>Starts at 1 and 1: the tuple's own source address and destination port (no single process is known to make its connections). Change them to see what more would give.</source>
        <translation>初始值为 1 和 1：此元组自己的源地址和目的端口（不知道由哪一个进程建立它的连接）。修改它们可查看增加后的结果。</translation>
    </message>
    <message>
        <source>Starts at %1 and %2: the source addresses and destination ports that %3 uses towards %4 now, this tuple's included. Change them to see what more would give.</source>
        <translation>初始值为 %1 和 %2：%3 当前向 %4 使用的源地址和目的端口，包括此元组。修改它们可查看增加后的结果。</translation>
    </message>
</context>
<context>
    <name>PortBudgetText</name>
    <message>
        <source>about 1 s</source>
        <translation>约 1 秒</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 毫秒</translation>
    </message>
    <message>
        <source>tcp_tw_reuse_delay, counted from the entry's start of TIME-WAIT</source>
        <translation>tcp_tw_reuse_delay，从条目进入 TIME-WAIT 时算起</translation>
    </message>
    <message>
        <source>tcp_tw_reuse takes over TIME-WAIT entries older than %1</source>
        <translation>tcp_tw_reuse 会接管存在时间超过 %1 的 TIME-WAIT 条目</translation>
    </message>
    <message>
        <source>tcp_tw_reuse = 0: each port waits out the 60 s of TIME-WAIT</source>
        <translation>tcp_tw_reuse = 0：每个端口都要等完 60 秒的 TIME-WAIT</translation>
    </message>
    <message>
        <source>tcp_tw_reuse = 2 covers loopback only: each port waits out the 60 s of TIME-WAIT</source>
        <translation>tcp_tw_reuse = 2 只对环回生效：每个端口都要等完 60 秒的 TIME-WAIT</translation>
    </message>
    <message>
        <source>tcp_tw_reuse or tcp_timestamps unreadable: counted without reuse, 60 s per port</source>
        <translation>无法读取 tcp_tw_reuse 或 tcp_timestamps：按不复用计算，每个端口 60 秒</translation>
    </message>
    <message>
        <source>When every usable port holds a TIME-WAIT entry towards that destination, connect() fails with EADDRNOTAVAIL.</source>
        <translation>当每个可用端口都有到该目的端的 TIME-WAIT 条目时，connect() 以 EADDRNOTAVAIL 失败。</translation>
    </message>
    <message>
        <source>ip_local_port_range could not be read, so no port budget can be given.</source>
        <translation>无法读取 ip_local_port_range，因此给不出端口预算。</translation>
    </message>
    <message>
        <source>About %1 new connections per second towards that destination (local address, remote address, remote port) when this host closes first: %2.</source>
        <translation>本机先关闭时，到该目的端（本地地址、远端地址、远端端口）每秒约可建立 %1 个新连接：%2。</translation>
    </message>
    <message>
        <source>Usable local ports: %1 in ip_local_port_range, %2 of them reserved (ip_local_reserved_ports): %3. That many connections can exist at once towards one destination, TIME-WAIT included.</source>
        <translation>可用本地端口：ip_local_port_range 中有 %1 个，其中 %2 个被保留（ip_local_reserved_ports），可用 %3 个。到同一个目的端最多能同时存在这么多连接，TIME-WAIT 也算在内。</translation>
    </message>
    <message>
        <source>Without reuse: %1 ÷ 60 s of TIME-WAIT ≈ %2 new connections per second.</source>
        <translation>不复用：%1 ÷ 60 秒 TIME-WAIT ≈ 每秒 %2 个新连接。</translation>
    </message>
    <message>
        <source>With reuse: %1 ÷ %2 ≈ %3 new connections per second.</source>
        <translation>复用：%1 ÷ %2 ≈ 每秒 %3 个新连接。</translation>
    </message>
    <message>
        <source>The delay: %1.</source>
        <translation>延迟：%1。</translation>
    </message>
    <message>
        <source>For this tuple reuse applies: %1. %2</source>
        <translation>对这个元组复用生效：%1。%2</translation>
    </message>
    <message>
        <source>For this tuple reuse does not apply: %1. %2</source>
        <translation>对这个元组复用不生效：%1。%2</translation>
    </message>
    <message>
        <source>Each source address has its own ports towards a destination: × %1 source addresses. A program that bind()s a source address before connect() should set IP_BIND_ADDRESS_NO_PORT, or bind() picks the port without knowing the destination; the option helps only together with more source addresses and does not raise the limit towards one destination.</source>
        <translation>每个源地址到同一目的端都有自己的一套端口：× %1 个源地址。在 connect() 之前 bind() 源地址的程序应设置 IP_BIND_ADDRESS_NO_PORT，否则 bind() 会在不知道目的端的情况下选端口；这个选项只有配合更多源地址才有用，不会提高到同一个目的端的上限。</translation>
    </message>
    <message>
        <source>Each remote address and port is a destination of its own: × %1 destination ports.</source>
        <translation>每个远端地址和端口各算一个目的端：× %1 个远端端口。</translation>
    </message>
    <message>
        <source>Total: %1 × %2 × %3 ≈ %4 new connections per second.</source>
        <translation>合计：%1 × %2 × %3 ≈ 每秒 %4 个新连接。</translation>
    </message>
    <message>
        <source>Towards that destination (local address, remote address, remote port), when this host closes first: about %1 new connections per second to loopback (%2); about %3 to other addresses (%4).</source>
        <translation>本机先关闭时，到该目的端（本地地址、远端地址、远端端口）：环回地址每秒约 %1 个新连接（%2）；其他地址每秒约 %3 个（%4）。</translation>
    </message>
    <message>
        <source>this kernel has no tcp_tw_reuse_delay: an entry can be taken over 0 to 1 s after the last timestamped segment it received (1 to 2 s on older kernels)</source>
        <translation>本内核没有 tcp_tw_reuse_delay：条目在收到最后一个带时间戳的报文段后 0 到 1 秒（更旧的内核为 1 到 2 秒）可被接管</translation>
    </message>
    <message>
        <source>A range full of TIME-WAIT towards that destination fails connect() with EADDRNOTAVAIL only while every entry is younger than the delay; older entries are taken over (if they recorded a peer timestamp).</source>
        <translation>只有当所有条目都还没超过延迟时，到该目的端的端口范围被 TIME-WAIT 占满才会让 connect() 以 EADDRNOTAVAIL 失败；超过延迟的条目会被接管（前提是记录过对端时间戳）。</translation>
    </message>
    <message>
        <source>(If the peer sends TCP timestamps.)</source>
        <translation>（前提是对端发送 TCP 时间戳。）</translation>
    </message>
    <message>
        <source>With tcp_timestamps 0 from the start, a range full of TIME-WAIT towards that destination fails connect() with EADDRNOTAVAIL. Switched to 0 under load, it may not yet: a connection that takes over an entry inherits the entry's record of the peer's timestamp and hands it on, so reuse goes on, without PAWS, until an entry expires unused.</source>
        <translation>如果 tcp_timestamps 从一开始就是 0，到该目的端的端口范围被 TIME-WAIT 占满时，connect() 以 EADDRNOTAVAIL 失败。如果是在有负载时改为 0，则未必会立即失败：接管条目的连接会继承该条目中对端时间戳的记录并继续传下去，所以复用会在没有 PAWS 的情况下继续，直到某个条目在未被接管的情况下过期。</translation>
    </message>
    <message>
        <source>tcp_timestamps = 0: once the entries still carrying a peer-timestamp record from before have expired, tcp_tw_reuse cannot act and each port waits out the 60 s of TIME-WAIT</source>
        <translation>tcp_timestamps = 0：一旦此前仍带有对端时间戳记录的条目都已过期，tcp_tw_reuse 便无法生效，每个端口都要等完 60 秒的 TIME-WAIT</translation>
    </message>
</context>
<context>
    <name>PortChartPanel</name>
    <message>
        <source>By local port</source>
        <translation>按本地端口</translation>
    </message>
    <message>
        <source>TIME-WAIT held on this host's own port: this host closed first, as an HTTP server does.</source>
        <translation>占用本机自身端口的 TIME-WAIT：本机先关闭了连接，就像 HTTP 服务器那样。</translation>
    </message>
    <message>
        <source>By remote port</source>
        <translation>按远端端口</translation>
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
    <message>
        <source>TIME-WAIT towards a remote port: this host closed first as a client, and each entry holds one of its local ports.</source>
        <translation>按远端端口统计的 TIME-WAIT：本机作为客户端先关闭，每个条目占用本机的一个本地端口。</translation>
    </message>
    <message>
        <source>TIME-WAIT by remote port at %1</source>
        <translation>%1 时各远端端口的 TIME-WAIT</translation>
    </message>
    <message>
        <source>TIME-WAIT by local port at %1</source>
        <translation>%1 时各本地端口的 TIME-WAIT</translation>
    </message>
    <message>
        <source>Port %1</source>
        <translation>端口 %1</translation>
    </message>
    <message>
        <source>Ephemeral ports one by one</source>
        <translation>逐个显示临时端口</translation>
    </message>
    <message>
        <source>Off: the ports inside ip_local_port_range are one bar, "ephemeral", as each says little (connect() picked it). For remote ports this host's range stands for the peers', which is not known.</source>
        <translation>关闭时：ip_local_port_range 内的端口合为一根“ephemeral”柱，因为单个这样的端口说明不了什么（由 connect() 选取）。对远端端口，用本机的范围代替对端的范围，后者无从得知。</translation>
    </message>
</context>
<context>
    <name>ProcessConnection</name>
    <message>
        <source>%1 could not be started: %2</source>
        <translation>无法启动 %1：%2</translation>
    </message>
    <message>
        <source>the connection to %1 was lost</source>
        <translation>与 %1 的连接已丢失</translation>
    </message>
    <message>
        <source>the connection to %1 ended with status %2</source>
        <translation>与 %1 的连接已结束，退出状态 %2</translation>
    </message>
    <message>
        <source>%1 ended the stream</source>
        <translation>%1 结束了数据流</translation>
    </message>
</context>
<context>
    <name>ProcessTimeWaitPanel</name>
    <message>
        <source>not attributed</source>
        <translation>未归属</translation>
    </message>
    <message>
        <source>unnamed owner</source>
        <translation>未具名的属主</translation>
    </message>
    <message>
        <source>No owners over this time: this recording or stream comes from a sockscope that did not send them.</source>
        <translation>这段时间没有属主数据：这份录制或数据流来自不发送属主的 sockscope 版本。</translation>
    </message>
    <message>
        <source>TIME-WAIT by process over time</source>
        <translation>各进程的 TIME-WAIT 随时间变化</translation>
    </message>
    <message>
        <source>One line per command and unit: a service's workers and its restarts are one line.</source>
        <translation>每个命令与单元一条线：同一服务的各个工作进程及其重启都算作一条线。</translation>
    </message>
    <message>
        <source>TIME-WAIT</source>
        <translation>TIME-WAIT</translation>
    </message>
    <message>
        <source>What do these mean?</source>
        <extracomment>Opens the explanation of exact, via listener, likely… (the Found column's words)</extracomment>
        <translation>这些说法是什么意思？</translation>
    </message>
</context>
<context>
    <name>RateChartPanel</name>
    <message>
        <source>TIME-WAIT counters, per second</source>
        <translation>TIME-WAIT 相关计数器（每秒）</translation>
    </message>
    <message>
        <source>&lt;b&gt;Timewait table full:&lt;/b&gt; %1 closes per second get no timewait entry because tcp_max_tw_buckets is reached (TcpExt TCPTimeWaitOverflow; older kernels logged "TCP: time wait bucket table overflow").</source>
        <translation>&lt;b&gt;timewait 表已满：&lt;/b&gt;每秒有 %1 次关闭因为已达到 tcp_max_tw_buckets 而得不到 timewait 条目（TcpExt TCPTimeWaitOverflow；较旧的内核会记录 "TCP: time wait bucket table overflow"）。</translation>
    </message>
    <message>
        <source>TcpExt counters per second, of this network namespace:
TW — timewait-table entries made with a first timeout over 4 s (TIME-WAIT, or an orphaned FIN-WAIT-2 that may become TIME-WAIT later, not counted again)
TCPTimeWaitOverflow — closes that got no entry: tcp_max_tw_buckets reached (or an entry could not be allocated)
TWKilled — timewait-table entries made with a first timeout of 4 s or less: orphaned FIN-WAIT-2 (tcp_fin_timeout ≤ 4 s or 61–64 s), which may become TIME-WAIT later
TWRecycled — entries taken over by connect(): TIME-WAIT through tcp_tw_reuse; TIME-WAIT or orphaned FIN-WAIT-2 after bind() to an explicit port</source>
        <translation>本网络命名空间的 TcpExt 计数器，每秒：
TW — 创建时第一次超时超过 4 秒的 timewait 表条目（TIME-WAIT，或之后可能变成 TIME-WAIT 的孤儿 FIN-WAIT-2，变成时不再计数）
TCPTimeWaitOverflow — 没有得到条目的关闭：已达到 tcp_max_tw_buckets（或条目分配失败）
TWKilled — 创建时第一次超时不超过 4 秒的 timewait 表条目：孤儿 FIN-WAIT-2（tcp_fin_timeout ≤ 4 秒或 61–64 秒），之后可能变成 TIME-WAIT
TWRecycled — 被 connect() 接管的条目：通过 tcp_tw_reuse 接管 TIME-WAIT 条目；bind() 到明确端口后接管 TIME-WAIT 或孤儿 FIN-WAIT-2 条目</translation>
    </message>
</context>
<context>
    <name>RecordCommand</name>
    <message>
        <source>recorded %1 samples and %2 socket tables (%3) to %4</source>
        <translation>已录制 %1 次采样和 %2 张套接字表（%3）到 %4</translation>
    </message>
    <message>
        <source>recording to %1: %2 samples, %3 elapsed, %4</source>
        <translation>正在录制到 %1：%2 个采样，已用时 %3，%4</translation>
    </message>
</context>
<context>
    <name>Recording</name>
    <message>
        <source>Cannot open %1: %2</source>
        <translation>无法打开 %1：%2</translation>
    </message>
    <message>
        <source>%1 is not a sockscope recording.</source>
        <translation>%1 不是 sockscope 录制文件。</translation>
    </message>
    <message>
        <source>%1 ends inside its header.</source>
        <translation>%1 在文件头内就结束了。</translation>
    </message>
    <message>
        <source>%1 has a damaged header.</source>
        <translation>%1 的文件头已损坏。</translation>
    </message>
    <message>
        <source>The recording was not closed normally (no end mark); it is shown up to its last sample.</source>
        <translation>录制没有正常结束（没有结束标记）；显示到最后一次采样为止。</translation>
    </message>
    <message>
        <source>No socket table was recorded.</source>
        <translation>没有录制套接字表。</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <source>The socket table at %1 is damaged.</source>
        <translation>%1 的套接字表已损坏。</translation>
    </message>
    <message>
        <source>This recording holds no socket table, only sample summaries.</source>
        <translation>此录制文件没有套接字表，只有采样摘要。</translation>
    </message>
    <message>
        <source>Cannot open %1: not a regular file.</source>
        <translation>无法打开 %1：不是普通文件。</translation>
    </message>
    <message>
        <source>%1 is a version %2 recording; this sockscope reads versions %3 to %4.</source>
        <translation>%1 是第 %2 版的录制文件；此 sockscope 可读取第 %3 至 %4 版。</translation>
    </message>
    <message>
        <source>%1 Nothing before it holds a sample.</source>
        <translation>%1 在它之前没有任何采样。</translation>
    </message>
    <message>
        <source>%1 Everything before it is shown, up to the sample of %2.</source>
        <translation>%1 显示它之前的全部内容，直到 %2 的采样。</translation>
    </message>
</context>
<context>
    <name>RemoteAgentOffer</name>
    <message>
        <source>%1 has no sockscope-agent, and this sockscope's agent cannot run there: %2</source>
        <translation>%1 上没有 sockscope-agent，且本 sockscope 的采集代理无法在那里运行：%2</translation>
    </message>
    <message>
        <source>Copy the agent to %1?</source>
        <translation>把采集代理复制到 %1？</translation>
    </message>
    <message>
        <source>%1 has no sockscope-agent (%2, glibc %3). sockscope can copy its own agent to ~/.cache/sockscope on %1, check it by its SHA-256 and run it there as your ssh user. Nothing else is installed, and it ends when this window stops watching.</source>
        <translation>%1 上没有 sockscope-agent（%2，glibc %3）。sockscope 可以把自带的采集代理复制到 %1 的 ~/.cache/sockscope，按 SHA-256 校验后以你的 ssh 用户身份运行。不会安装其他任何东西；本窗口停止观察时它即退出。</translation>
    </message>
    <message>
        <source>Copy and run</source>
        <translation>复制并运行</translation>
    </message>
    <message>
        <source>Do not copy</source>
        <translation>不复制</translation>
    </message>
    <message>
        <source>%1 has no sockscope-agent (%2, glibc %3). Install the sockscope-agent package there (it needs libmnl0), or watch it again (File → Watch remote host…) and let sockscope copy its own agent.</source>
        <translation>%1 上没有 sockscope-agent（%2，glibc %3）。请在那里安装 sockscope-agent 软件包（依赖 libmnl0），或重新观察它（文件 → 观察远程主机…）并允许 sockscope 复制自带的采集代理。</translation>
    </message>
</context>
<context>
    <name>RemoteCommand</name>
    <message>
        <source>%1 has no sockscope-agent: %2</source>
        <translation>%1 上没有 sockscope-agent：%2</translation>
    </message>
    <message>
        <source>%1 has no sockscope-agent (%2, glibc %3). Install the sockscope-agent package there (it needs libmnl0), or run again with --push-agent to copy this sockscope's agent to ~/.cache/sockscope on it.</source>
        <translation>%1 上没有 sockscope-agent（%2，glibc %3）。请在那里安装 sockscope-agent 软件包（依赖 libmnl0），或加上 --push-agent 重新运行，把本 sockscope 的采集代理复制到其 ~/.cache/sockscope。</translation>
    </message>
    <message>
        <source>%1 sent more than %2 MB for one report; it was not shown.</source>
        <translation>%1 发来的单份报告超过 %2 MB，未予显示。</translation>
    </message>
    <message>
        <source>sockscope-agent on %1 failed (status %2).</source>
        <translation>%1 上的 sockscope-agent 执行失败（状态 %2）。</translation>
    </message>
    <message>
        <source>%1 did not answer with a sockscope report.</source>
        <translation>%1 返回的不是 sockscope 报告。</translation>
    </message>
</context>
<context>
    <name>RemoteController</name>
    <message>
        <source>Watch remote host…</source>
        <translation>观察远程主机…</translation>
    </message>
</context>
<context>
    <name>RemoteFacts</name>
    <message>
        <source>The remote host is a %1 machine and this sockscope's agent is built for %2: install the sockscope-agent package for %1 on the remote host.</source>
        <translation>远程主机是 %1 架构，而本 sockscope 的采集代理是为 %2 构建的：请在远程主机上安装适用于 %1 的 sockscope-agent 软件包。</translation>
    </message>
    <message>
        <source>The remote host has no GNU C library (glibc %1 or newer is needed): install the sockscope-agent package built for it.</source>
        <translation>远程主机没有 GNU C 库（需要 glibc %1 或更新版本）：请安装为该系统构建的 sockscope-agent 软件包。</translation>
    </message>
    <message>
        <source>The remote host has glibc %1, older than the %2 the agent needs: install the sockscope-agent package built for that system.</source>
        <translation>远程主机的 glibc 为 %1，低于采集代理所需的 %2：请安装为该系统构建的 sockscope-agent 软件包。</translation>
    </message>
    <message>
        <source>The remote host lacks libmnl.so.0: install it there with 'apt install libmnl0' (or install the sockscope-agent package, which pulls it in).</source>
        <translation>远程主机缺少 libmnl.so.0：请在该主机上执行 'apt install libmnl0' 安装（或安装 sockscope-agent 软件包，它会一并装上）。</translation>
    </message>
</context>
<context>
    <name>RemoteHost</name>
    <message>
        <source>No host given.</source>
        <translation>未指定主机。</translation>
    </message>
    <message>
        <source>The host is longer than %1 characters.</source>
        <translation>主机名超过 %1 个字符。</translation>
    </message>
    <message>
        <source>The host contains a space or a line break.</source>
        <translation>主机名中含有空格或换行。</translation>
    </message>
    <message>
        <source>The host contains a control character.</source>
        <translation>主机名中含有控制字符。</translation>
    </message>
    <message>
        <source>The host starts with '-', which ssh would read as an option.</source>
        <translation>主机名以 '-' 开头，ssh 会把它当作选项。</translation>
    </message>
    <message>
        <source>The host contains more than one '@'.</source>
        <translation>主机名中含有多个 '@'。</translation>
    </message>
    <message>
        <source>The user name before '@' is empty.</source>
        <translation>'@' 前的用户名为空。</translation>
    </message>
    <message>
        <source>The user name may contain only letters, digits, '.', '_' and '-', and may not start with '-'.</source>
        <translation>用户名只能包含字母、数字、'.'、'_' 和 '-'，且不能以 '-' 开头。</translation>
    </message>
    <message>
        <source>The IPv6 address has no closing ']'.</source>
        <translation>IPv6 地址缺少结尾的 ']'。</translation>
    </message>
    <message>
        <source>'%1' is not an IPv6 address.</source>
        <translation>'%1' 不是 IPv6 地址。</translation>
    </message>
    <message>
        <source>Only ':port' may follow the IPv6 address.</source>
        <translation>IPv6 地址后只能跟 ':端口'。</translation>
    </message>
    <message>
        <source>An IPv6 address needs brackets: [address]:port.</source>
        <translation>IPv6 地址需要加方括号：[地址]:端口。</translation>
    </message>
    <message>
        <source>The host name is empty.</source>
        <translation>主机名为空。</translation>
    </message>
    <message>
        <source>The host name may contain only letters, digits, '.', '_' and '-'.</source>
        <translation>主机名只能包含字母、数字、'.'、'_' 和 '-'。</translation>
    </message>
    <message>
        <source>The port after ':' is empty.</source>
        <translation>':' 后的端口为空。</translation>
    </message>
    <message>
        <source>The port must be a number from 1 to 65535.</source>
        <translation>端口必须是 1 到 65535 之间的数字。</translation>
    </message>
</context>
<context>
    <name>RemoteHostDialog</name>
    <message>
        <source>Watch remote host</source>
        <translation>观察远程主机</translation>
    </message>
    <message>
        <source>Host to watch over ssh, as [user@]host[:port] or an alias from ~/.ssh/config. sockscope-agent runs there; if it is missing you are asked before this sockscope copies its own.</source>
        <translation>要通过 ssh 观察的主机，格式为 [用户@]主机[:端口]，或 ~/.ssh/config 中的别名。采集由那里的 sockscope-agent 完成；若没有安装，复制本 sockscope 自带的采集代理前会先征求你的同意。</translation>
    </message>
    <message>
        <source>user@host:port</source>
        <translation>用户@主机:端口</translation>
    </message>
</context>
<context>
    <name>RemoteSource</name>
    <message>
        <source>sockscope copied its agent to %1, but the server still reports none; it is not copied again. Install the sockscope-agent package there.</source>
        <translation>sockscope 已将采集代理复制到 %1，但服务器仍报告没有代理；不会再次复制。请在该服务器上安装 sockscope-agent 软件包。</translation>
    </message>
    <message>
        <source>sockscope copied its agent to %1 once already; it is not copied again.</source>
        <translation>sockscope 已向 %1 复制过一次采集代理；不会再次复制。</translation>
    </message>
</context>
<context>
    <name>RemoteSysctlApplier</name>
    <message>
        <source>Nothing was sent: %1</source>
        <translation>未发送任何内容：%1</translation>
    </message>
    <message>
        <source>sockscope-sysctl-helper (or sudo) is not installed on %1; nothing was changed.</source>
        <translation>%1 上未安装 sockscope-sysctl-helper（或 sudo），未做任何修改。</translation>
    </message>
    <message>
        <source>sudo on %1 did not allow the helper without a password; nothing was changed.</source>
        <translation>%1 上的 sudo 不允许免密码运行该辅助程序，未做任何修改。</translation>
    </message>
    <message>
        <source>The helper on %1 failed (exit code %2): %3</source>
        <translation>%1 上的辅助程序失败（退出码 %2）：%3</translation>
    </message>
</context>
<context>
    <name>RemoteSysctlChanger</name>
    <message>
        <source>Apply runs over ssh on %1: %2</source>
        <translation>“应用”将通过 ssh 在 %1 上运行：%2</translation>
    </message>
    <message>
        <source>Without a sudoers rule for the helper, run this on %1 as root:</source>
        <translation>若没有允许该辅助程序的 sudoers 规则，请在 %1 上以 root 身份运行：</translation>
    </message>
    <message>
        <source>Not available over ssh: set it in /etc/sysctl.d/ on the host</source>
        <translation>通过 ssh 不可用：请在该主机的 /etc/sysctl.d/ 中设置</translation>
    </message>
    <message>
        <source>Keeping a value after reboot is done on the remote host itself, in /etc/sysctl.d/.</source>
        <translation>要在重启后保留取值，请在远程主机本身的 /etc/sysctl.d/ 中配置。</translation>
    </message>
    <message>
        <source>Run this there as root:</source>
        <translation>请在该主机上以 root 身份运行：</translation>
    </message>
</context>
<context>
    <name>ReplayBar</name>
    <message>
        <source>Replay</source>
        <translation>回放</translation>
    </message>
    <message>
        <source> Replay: </source>
        <translation> 回放：</translation>
    </message>
    <message>
        <source>Move through the recording; the charts end and the table is taken at this moment.</source>
        <translation>在录制中移动；图表截止于此刻，套接字表取自此刻。</translation>
    </message>
</context>
<context>
    <name>SamplingToolBar</name>
    <message>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Pause or resume sampling (Space)</source>
        <translation>暂停或继续采样（空格键）</translation>
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
        <source>4 hours</source>
        <translation>4 小时</translation>
    </message>
</context>
<context>
    <name>SeeItYourself</name>
    <message>
        <source>The setting and its delay in this namespace</source>
        <translation>本命名空间中的设置及其延迟</translation>
    </message>
    <message>
        <source>TIME-WAIT entries with their time left</source>
        <translation>TIME-WAIT 条目及其剩余时间</translation>
    </message>
    <message>
        <source>Whether this kernel has it, and its value</source>
        <translation>当前内核是否有它，以及它的值</translation>
    </message>
    <message>
        <source>The setting</source>
        <translation>该设置</translation>
    </message>
    <message>
        <source>Entries put into the timewait table (TW: over 4 s, TWKilled: 4 s or less)</source>
        <translation>放入 timewait 表的条目（TW：超过 4 秒，TWKilled：不超过 4 秒）</translation>
    </message>
    <message>
        <source>The limit</source>
        <translation>该上限</translation>
    </message>
    <message>
        <source>What it is compared with: tw, the timewait table's entries now</source>
        <translation>与它比较的对象：tw，即 timewait 表当前的条目数</translation>
    </message>
    <message>
        <source>Closes that found the table full</source>
        <translation>遇到表满的关闭</translation>
    </message>
    <message>
        <source>Memory per entry and in all (as root)</source>
        <translation>每个条目及总共占用的内存（需 root）</translation>
    </message>
    <message>
        <source>Connections that use timestamps show "ts" among their options</source>
        <translation>使用时间戳的连接在选项中显示 "ts"</translation>
    </message>
    <message>
        <source>Segments rejected by PAWS</source>
        <translation>被 PAWS 拒绝的报文段</translation>
    </message>
    <message>
        <source>Whether this kernel still has the file</source>
        <translation>当前内核是否仍有这个文件</translation>
    </message>
    <message>
        <source>The range and the reserved ports</source>
        <translation>端口范围和保留端口</translation>
    </message>
    <message>
        <source>Connections per remote address and port, busiest first</source>
        <translation>按远端地址和端口统计的连接数，最多的在前</translation>
    </message>
    <message>
        <source>The limit (the host's namespace only)</source>
        <translation>该上限（仅宿主机的命名空间有）</translation>
    </message>
    <message>
        <source>Orphans now</source>
        <translation>当前的孤儿套接字</translation>
    </message>
    <message>
        <source>Whether the limit was hit (as root)</source>
        <translation>是否触及过上限（需 root）</translation>
    </message>
    <message>
        <source>Closing connections and their retransmission timers</source>
        <translation>正在关闭的连接及其重传计时器</translation>
    </message>
    <message>
        <source>Cookies sent, and SYNs dropped with a full half-open queue</source>
        <translation>已发送的 cookie，以及半连接队列满时丢弃的 SYN</translation>
    </message>
    <message>
        <source>It matters only with tcp_syncookies=0</source>
        <translation>只有 tcp_syncookies=0 时它才起作用</translation>
    </message>
    <message>
        <source>Half-open connections now</source>
        <translation>当前的半连接</translation>
    </message>
    <message>
        <source>Listeners: Send-Q is the backlog in force, Recv-Q the accept queue now</source>
        <translation>监听套接字：Send-Q 是生效的 backlog，Recv-Q 是当前全连接队列的长度</translation>
    </message>
    <message>
        <source>Connections a full accept queue turned away</source>
        <translation>因全连接队列已满而被拒绝的连接</translation>
    </message>
    <message>
        <source>Time left on each entry: never above 60 s</source>
        <translation>每个条目的剩余时间：从不超过 60 秒</translation>
    </message>
    <message>
        <source>They count in tw</source>
        <translation>它们计入 tw</translation>
    </message>
    <message>
        <source>TIME-WAIT entries by local address and port</source>
        <translation>按本地地址和端口统计的 TIME-WAIT 条目</translation>
    </message>
    <message>
        <source>TIME-WAIT entries by remote address and port</source>
        <translation>按远端地址和端口统计的 TIME-WAIT 条目</translation>
    </message>
    <message>
        <source>The setting and its delay</source>
        <translation>该设置及其延迟</translation>
    </message>
    <message>
        <source>Listeners and the addresses they hold</source>
        <translation>监听套接字及其占用的地址</translation>
    </message>
    <message>
        <source>A fresh namespace's values (as root)</source>
        <translation>全新命名空间中的值（需 root）</translation>
    </message>
    <message>
        <source>The hash size new namespaces get (0: share the host's)</source>
        <translation>新命名空间得到的哈希表大小（0：共用宿主机的）</translation>
    </message>
    <message>
        <source>The counters of this namespace</source>
        <translation>本命名空间的计数器</translation>
    </message>
    <message>
        <source>With SO_REUSEPORT, one port shows several LISTEN rows, one per socket</source>
        <translation>使用 SO_REUSEPORT 时，同一端口会显示多行 LISTEN，每个套接字一行</translation>
    </message>
    <message>
        <source>Orphaned FIN-WAIT-2 connections: a timewait timer (a keepalive timer first when tcp_fin_timeout is above 60)</source>
        <translation>孤儿 FIN-WAIT-2 连接：timewait 计时器（tcp_fin_timeout 超过 60 时，先是 keepalive 计时器）</translation>
    </message>
    <message>
        <source>Entries taken over so far: TIME-WAIT, and after bind() also orphaned FIN-WAIT-2</source>
        <translation>迄今被接管的条目：TIME-WAIT 条目，以及 bind() 之后接管的孤儿 FIN-WAIT-2 条目</translation>
    </message>
    <message>
        <source>Each such close sends an RST (TcpOutRsts) and counts as an abort: TCPAbortOnData when nothing received was left unread, TCPAbortOnClose when unread data was thrown away</source>
        <translation>每次这样的关闭都会发送 RST（TcpOutRsts）并计为一次中止：没有遗留未读取的接收数据时计入 TCPAbortOnData，丢弃了未读取的数据时计入 TCPAbortOnClose</translation>
    </message>
</context>
<context>
    <name>SlabChartPanel</name>
    <message>
        <source>Slab memory of TCP sockets</source>
        <translation>TCP 套接字的 slab 内存</translation>
    </message>
    <message>
        <source>&lt;b&gt;Estimated:&lt;/b&gt; %1. Figures are this namespace's sockets × this kernel's object sizes; run as root for the kernel's own figures.</source>
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
    <message>
        <source>TIME-WAIT</source>
        <extracomment>Chart series: memory of sockets in TIME-WAIT</extracomment>
        <translation>TIME-WAIT</translation>
    </message>
    <message>
        <source>sockets</source>
        <translation>套接字</translation>
    </message>
    <message>
        <source>half-open</source>
        <translation>半连接</translation>
    </message>
    <message>
        <source>TIME-WAIT: slab caches tw_sock_TCP and tw_sock_TCPv6
sockets: TCP and TCPv6 (every other TCP socket)
half-open: request_sock_TCP and request_sock_TCPv6 (NEW-SYN-RECV)</source>
        <translation>TIME-WAIT：slab 缓存 tw_sock_TCP 和 tw_sock_TCPv6
套接字：TCP 和 TCPv6（其余所有 TCP 套接字）
半连接：request_sock_TCP 和 request_sock_TCPv6（NEW-SYN-RECV）</translation>
    </message>
    <message>
        <source>%1 (estimate)</source>
        <translation>%1（估算）</translation>
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
        <translation>临时端口 %1–%2（每个目的端 %3 个）：</translation>
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
    <message>
        <source>(%1)</source>
        <translation>（%1）</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>（空）</translation>
    </message>
    <message>
        <source>%1 (negative: this namespace shares the host's hash table)</source>
        <translation>%1（负值：此命名空间与主机共用哈希表）</translation>
    </message>
    <message>
        <source>states counted: %1 (filter)
</source>
        <translation>统计的状态：%1（已过滤）
</translation>
    </message>
    <message>
        <source>  budget: %1
</source>
        <translation>  端口预算：%1
</translation>
    </message>
    <message>
        <source>%1 (this kernel still has it; it was removed in Linux 4.12)</source>
        <translation>%1（当前内核仍有它；它在 Linux 4.12 中被移除）</translation>
    </message>
    <message>
        <source>%1 rows</source>
        <translation>%1 行</translation>
    </message>
    <message>
        <source>not counted (not in --states)</source>
        <translation>未统计（不在 --states 中）</translation>
    </message>
    <message>
        <source>TIME-WAIT: %1; timewait table (sockstat tw, TIME-WAIT and orphaned FIN-WAIT-2) %2 of tcp_max_tw_buckets %3 (%4%)
</source>
        <translation>TIME-WAIT：%1；timewait 表（sockstat tw，TIME-WAIT 与孤儿 FIN-WAIT-2）%2 / tcp_max_tw_buckets %3（%4%）
</translation>
    </message>
    <message>
        <source>  by process:     %1
</source>
        <translation>  按进程：%1
</translation>
    </message>
    <message>
        <source>%1[%2] ×%3</source>
        <extracomment>TIME-WAIT by process: command[pid] ×count</extracomment>
        <translation>%1[%2] ×%3</translation>
    </message>
    <message>
        <source>%1 ×%2</source>
        <extracomment>TIME-WAIT by unit (no process known): unit ×count</extracomment>
        <translation>%1 ×%2</translation>
    </message>
    <message>
        <source>not attributed ×%1</source>
        <translation>未归属 ×%1</translation>
    </message>
    <message>
        <source>sockstat: this namespace inuse %1, tw %3; host-wide orphan %2, alloc %4, mem %5 pages
</source>
        <translation>sockstat：本命名空间 inuse %1，tw %3；整台主机 orphan %2，alloc %4，mem %5 页
</translation>
    </message>
    <message>
        <source>%1 (the process holding the listener) ×%2</source>
        <extracomment>TIME-WAIT attributed via a listener held by one process: command(s) ×count (no pid: which process closed is not known)</extracomment>
        <translation>%1（持有监听套接字的进程）×%2</translation>
    </message>
    <message>
        <source>%1 (%2 processes holding the listener) ×%3</source>
        <extracomment>TIME-WAIT attributed via a listener held by several processes: command(s), number of processes, ×count</extracomment>
        <translation>%1（持有监听套接字的 %2 个进程）×%3</translation>
    </message>
    <message>
        <source> (%1 exact, %2 via listener, %3 likely, %4 by cgroup)</source>
        <translation>（%1 个确切，%2 个经监听端口，%3 个可能，%4 个按 cgroup）</translation>
    </message>
    <message>
        <source>                  via listener: to the processes holding the port's listening socket, not necessarily the one that served and closed the connection
</source>
        <translation>                  经监听端口：归属于持有该端口监听套接字的进程，不一定是处理并关闭该连接的那个进程
</translation>
    </message>
    <message>
        <source>%1 (%2 processes with connections there) ×%3</source>
        <extracomment>TIME-WAIT attributed "likely" to the processes of one command (a pre-fork client): command, number of processes, ×count</extracomment>
        <translation>%1（%2 个持有到该处连接的进程）×%3</translation>
    </message>
    <message>
        <source> (%1 exact, %2 via listener, %3 likely, %4 likely with %5 unknown connections there, %6 by cgroup)</source>
        <extracomment>%5: live connections of no known owner to the endpoints of the %4 entries</extracomment>
        <translation>（%1 个确切，%2 个经监听端口，%3 个可能，%4 个可能但该处另有 %5 个未知连接，%6 个按 cgroup）</translation>
    </message>
    <message>
        <source>ephemeral %1–%2 ×%3</source>
        <extracomment>TIME-WAIT on the ports inside ip_local_port_range, as one entry: lowest port, highest port, ×count</extracomment>
        <translation>ephemeral %1–%2 ×%3</translation>
    </message>
    <message>
        <source>at least %1</source>
        <extracomment>A number of processes that is a floor: more were there than are counted (the %2 of the lines above)</extracomment>
        <translation>至少 %1</translation>
    </message>
</context>
<context>
    <name>SocketFilter</name>
    <message>
        <source>"!" needs a word after it, as in !estab.</source>
        <translation>“!”后面需要一个词，例如 !estab。</translation>
    </message>
    <message>
        <source>"%1" needs a value after the colon.</source>
        <translation>“%1”的冒号后面需要一个值。</translation>
    </message>
    <message>
        <source>Empty item in the list "%1".</source>
        <translation>列表“%1”中有空项。</translation>
    </message>
    <message>
        <source>unknown state '%1'</source>
        <translation>未知状态“%1”</translation>
    </message>
    <message>
        <source>'%1' is not a port number (0 to 65535)</source>
        <translation>“%1”不是端口号（0 到 65535）</translation>
    </message>
    <message>
        <source>'%1' mixes kinds: a list holds only states, only ports or only addresses</source>
        <translation>“%1”混用了不同类型：一个列表只能全是状态、全是端口或全是地址</translation>
    </message>
    <message>
        <source>'%1' is not a process id</source>
        <translation>“%1”不是进程号</translation>
    </message>
    <message>
        <source>unknown filter '%1:'; use state:, port:, sport:, dport:, addr:, src:, dst:, proc:, pid: or unit:</source>
        <translation>未知过滤条件“%1:”；请使用 state:、port:、sport:、dport:、addr:、src:、dst:、proc:、pid: 或 unit:</translation>
    </message>
    <message>
        <source>Words are combined with AND; a comma list, or several words of one kind, with OR; ! negates:
  time-wait, estab, state:close-wait,time-wait — TCP state
  80, port:80,443 — local or remote port; sport:80 local, dport:443 remote
  10.0.0.0/8, [fd00::]/8, 10.0.0.1 — local or remote address; src: local, dst: remote
  ipv4, ipv6 — address family
  proc:nginx, pid:1234, unit:nginx.service — the owning process or unit (for TIME-WAIT: whom it is attributed to)
  !estab, !state:listen, !sport:22 — everything but these
  10.0.0 — text in the local or remote address</source>
        <translation>各词之间为“与”；逗号列表或同类的多个词之间为“或”；! 表示取反：
  time-wait、estab、state:close-wait,time-wait — TCP 状态
  80、port:80,443 — 本地端口或远端端口；sport:80 本地端口，dport:443 远端端口
  10.0.0.0/8、[fd00::]/8、10.0.0.1 — 本地或远端地址；src: 本地，dst: 远端
  ipv4、ipv6 — 地址族
  proc:nginx、pid:1234、unit:nginx.service — 所属进程或单元（TIME-WAIT 为其归属的进程）
  !estab、!state:listen、!sport:22 — 排除这些
  10.0.0 — 本地或远端地址中包含的文本</translation>
    </message>
</context>
<context>
    <name>SocketTableModel</name>
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
    <message>
        <source>TIME-WAIT lasts 60 s (TCP_TIMEWAIT_LEN); some segments for the old connection, such as a retransmitted FIN, restart the timer.</source>
        <translation>TIME-WAIT 持续 60 秒（TCP_TIMEWAIT_LEN）；旧连接的某些报文段（例如重传的 FIN）会让计时器重新开始。</translation>
    </message>
    <message>
        <source>If its program has closed it (orphaned) and tcp_fin_timeout is above 60 s, this is the first part of the wait for the peer's FIN: value − 60 s as a full socket, then as long again as a timewait entry. Otherwise a keepalive timer (SO_KEEPALIVE).</source>
        <translation>如果程序已关闭它（孤儿连接）且 tcp_fin_timeout 超过 60 秒，这是等待对端 FIN 的第一段：以完整套接字等待（取值 − 60）秒，然后再以 timewait 条目等待同样长的时间。否则就是 keepalive 计时器（SO_KEEPALIVE）。</translation>
    </message>
    <message>
        <source>An orphaned FIN-WAIT-2 connection waiting in the timewait table for the peer's FIN: for tcp_fin_timeout when it is 60 s or less (at least 3.5 × RTO; a socket's TCP_LINGER2 overrides it); above 60 s, for value − 60 s, after as long again as a full socket. It counts in sockstat tw and against tcp_max_tw_buckets.</source>
        <translation>在 timewait 表中等待对端 FIN 的孤儿 FIN-WAIT-2 连接：tcp_fin_timeout 不超过 60 秒时等待该时长（至少 3.5 × RTO；套接字自己的 TCP_LINGER2 会覆盖它）；超过 60 秒时等待（取值 − 60）秒，此前已以完整套接字等待了同样长的时间。它计入 sockstat tw，也占用 tcp_max_tw_buckets 的名额。</translation>
    </message>
    <message>
        <source>cgroup only</source>
        <extracomment>How a socket's owner was found: only the socket's cgroup (no process)</extracomment>
        <translation>仅 cgroup</translation>
    </message>
    <message>
        <source>exact</source>
        <extracomment>How a TIME-WAIT entry's owner was found: the same socket was seen owned earlier</extracomment>
        <translation>确切</translation>
    </message>
    <message>
        <source>via listener</source>
        <extracomment>How a TIME-WAIT entry's owner was found: the process listening on its local port</extracomment>
        <translation>经监听端口</translation>
    </message>
    <message>
        <source>likely (guess)</source>
        <extracomment>How a TIME-WAIT entry's owner was found: a guess</extracomment>
        <translation>可能（推测）</translation>
    </message>
    <message>
        <source>The socket is in this process's file descriptors (/proc/PID/fd).</source>
        <translation>该套接字在此进程的文件描述符中（/proc/PID/fd）。</translation>
    </message>
    <message>
        <source>This TIME-WAIT entry has the cookie of a socket this process was seen holding in an earlier sample: it closed the connection first.</source>
        <translation>此 TIME-WAIT 条目的 cookie 与此进程在之前采样中持有的套接字相同：是它先关闭了连接。</translation>
    </message>
    <message>
        <source>A guess: these processes (one command and unit) are the only ones known to hold live connections to the same remote address and port, or were when last seen. The connection itself was never seen.</source>
        <translation>推测：已知只有这些进程（同一命令和单元）持有、或上次采样时持有到相同远端地址和端口的活动连接。该连接本身从未被采样到。</translation>
    </message>
    <message>
        <source>Process</source>
        <translation>进程</translation>
    </message>
    <message>
        <source>PID</source>
        <translation>PID</translation>
    </message>
    <message>
        <source>Unit</source>
        <extracomment>The systemd unit or container a socket belongs to</extracomment>
        <translation>单元</translation>
    </message>
    <message>
        <source>Owner found</source>
        <extracomment>How the owner of a socket or TIME-WAIT entry was found (exact, via listener, likely)</extracomment>
        <translation>归属依据</translation>
    </message>
    <message>
        <source>No readable process was seen holding the socket (another user's process, when not run as root): the unit comes from the socket's own cgroup, that of the process that created it. An accepted connection carries the cgroup of the process that created the listening socket (systemd's init.scope for a socket-activated service), so it does not say who held it.</source>
        <translation>未采样到可读取的进程持有该套接字（非 root 运行时，可能属于其他用户的进程）：单元取自套接字自身的 cgroup，即创建它的进程的 cgroup。accept 得到的连接带有创建监听套接字的进程的 cgroup（按套接字激活的服务为 systemd 的 init.scope），因此它不能说明是谁持有该连接。</translation>
    </message>
    <message>
        <source>This TIME-WAIT entry is on a local port whose listening socket these processes hold: the server side closed first, but the process that served and closed the connection may be another of them or one not holding the listener (systemd holds a socket-activated service's listener, the master of a pre-fork server its workers'), so no PID is named.</source>
        <translation>此 TIME-WAIT 条目位于这些进程持有其监听套接字的本地端口上：服务端先关闭了连接，但处理并关闭该连接的进程可能是其中另一个，也可能是不持有监听套接字的进程（systemd 持有按套接字激活的服务的监听套接字，预派生服务器的主进程持有其工作进程的监听套接字），因此不给出 PID。</translation>
    </message>
    <message>
        <source>likely, some unknown (guess)</source>
        <extracomment>How a TIME-WAIT entry's owner was found: a guess, with connections of unknown owners to the same place</extracomment>
        <translation>可能，部分未知（推测）</translation>
    </message>
    <message>
        <source>A guess: these processes (one command and unit) are the only known owner of live connections to the same remote address and port, but some connections there have no known owner (opened since the last look at the processes, passed to another process, or in a process that cannot be read). The connection itself was never seen.</source>
        <translation>推测：这些进程（同一命令和单元）是到相同远端地址和端口的活动连接唯一已知的属主，但该处有些连接属主未知（在上次查看进程之后打开、被传给另一个进程，或位于无法读取的进程中）。该连接本身从未被采样到。</translation>
    </message>
</context>
<context>
    <name>SocketTablePanel</name>
    <message>
        <source>%1 of %2 sockets</source>
        <translation>显示 %1 个，共 %2 个套接字</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Copy as ss filter</source>
        <translation>复制为 ss 过滤命令</translation>
    </message>
    <message>
        <source>Filter by local port %1</source>
        <translation>按本地端口 %1 过滤</translation>
    </message>
    <message>
        <source>Filter by remote port %1</source>
        <translation>按远端端口 %1 过滤</translation>
    </message>
    <message>
        <source>Filter by local address %1</source>
        <translation>按本地地址 %1 过滤</translation>
    </message>
    <message>
        <source>Filter by remote address %1</source>
        <translation>按远端地址 %1 过滤</translation>
    </message>
    <message>
        <source>Filter (Ctrl+F): time-wait  !estab  sport:443  10.0.0.0/8  ipv6 …</source>
        <translation>过滤（Ctrl+F）：time-wait  !estab  sport:443  10.0.0.0/8  ipv6 …</translation>
    </message>
    <message>
        <source>Find in the socket table</source>
        <translation>在套接字表中查找</translation>
    </message>
    <message>
        <source>Copy rows</source>
        <translation>复制行</translation>
    </message>
    <message>
        <source>Invalid filter: %1</source>
        <translation>过滤条件无效：%1</translation>
    </message>
    <message>
        <source>No socket matches all the words together</source>
        <translation>没有套接字同时满足所有条件</translation>
    </message>
    <message>
        <source>No socket matches %1</source>
        <translation>没有套接字匹配 %1</translation>
    </message>
</context>
<context>
    <name>Source</name>
    <message>
        <source>current</source>
        <translation>当前</translation>
    </message>
</context>
<context>
    <name>SourceController</name>
    <message>
        <source>&lt;b&gt;This recording is incomplete:&lt;/b&gt; %1</source>
        <translation>&lt;b&gt;此录制文件不完整：&lt;/b&gt;%1</translation>
    </message>
    <message>
        <source>; no socket table recorded</source>
        <translation>；未录制套接字表</translation>
    </message>
    <message>
        <source>; socket table from %1</source>
        <translation>；套接字表来自 %1</translation>
    </message>
    <message>
        <source>; socket table from %1, %2 s before the slider</source>
        <translation>；套接字表来自 %1，比滑块早 %2 秒</translation>
    </message>
    <message>
        <source>%1 (sample %2 of %3)%4</source>
        <translation>%1（第 %2 次采样，共 %3 次）%4</translation>
    </message>
    <message>
        <source>current</source>
        <translation>当前</translation>
    </message>
</context>
<context>
    <name>SshConnection</name>
    <message>
        <source>the connection to %1 was lost</source>
        <translation>与 %1 的连接已丢失</translation>
    </message>
    <message>
        <source>the connection to %1 ended with status %2</source>
        <translation>与 %1 的连接已结束，退出状态 %2</translation>
    </message>
</context>
<context>
    <name>SshOutcome</name>
    <message>
        <source>The ssh connection was ended.</source>
        <translation>ssh 连接已结束。</translation>
    </message>
    <message>
        <source>ssh could not connect.</source>
        <translation>ssh 无法连接。</translation>
    </message>
    <message>
        <source>ssh could not connect: %1</source>
        <translation>ssh 无法连接：%1</translation>
    </message>
    <message>
        <source>sockscope-agent is not installed on the remote host.</source>
        <translation>远程主机上未安装 sockscope-agent。</translation>
    </message>
    <message>
        <source>The agent copy in ~/.cache/sockscope on the remote host does not match its checksum and was not run; it can be copied again.</source>
        <translation>远程主机 ~/.cache/sockscope 中的采集代理副本与其校验和不符，未予运行；可以重新复制一份。</translation>
    </message>
    <message>
        <source>The agent arrived damaged on the remote host (checksum mismatch) and was removed.</source>
        <translation>采集代理传到远程主机时已损坏（校验和不符），已被删除。</translation>
    </message>
    <message>
        <source>The agent could not be copied to ~/.cache/sockscope on the remote host: %1</source>
        <translation>无法把采集代理复制到远程主机的 ~/.cache/sockscope：%1</translation>
    </message>
    <message>
        <source>Cannot run %1: %2</source>
        <translation>无法运行 %1：%2</translation>
    </message>
    <message>
        <source>The remote host sent more than %1 KiB where a short answer was expected; the connection was ended.</source>
        <translation>远程主机发送了超过 %1 KiB 的数据，而此处只应有简短的回答；连接已结束。</translation>
    </message>
</context>
<context>
    <name>StagingFolder</name>
    <message>
        <source>Cannot create a folder beside %1: %2</source>
        <translation>无法在 %1 旁边创建文件夹：%2</translation>
    </message>
    <message>
        <source>%1 was replaced while the incident bundle was being written; nothing was written through it.</source>
        <translation>写入故障资料包期间 %1 被替换了；没有任何内容经由它写入。</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>Cannot read %1 back: %2</source>
        <translation>无法读回 %1：%2</translation>
    </message>
    <message>
        <source>Cannot rename %1 to %2: %3</source>
        <translation>无法把 %1 重命名为 %2：%3</translation>
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
        <source>The dashed line is tcp_max_tw_buckets: it caps TIME-WAIT and orphaned FIN-WAIT-2 together.</source>
        <translation>虚线是 tcp_max_tw_buckets：它限制 TIME-WAIT 与孤儿 FIN-WAIT-2 的合计数量。</translation>
    </message>
    <message>
        <source>tcp_max_tw_buckets (%1)</source>
        <translation>tcp_max_tw_buckets（%1）</translation>
    </message>
</context>
<context>
    <name>StreamSource</name>
    <message>
        <source>The sysctls of %1 cannot be changed from here.</source>
        <translation>无法从这里修改 %1 的 sysctl。</translation>
    </message>
    <message>
        <source>%1 did not answer with a sockscope stream.</source>
        <translation>%1 没有返回 sockscope 数据流。</translation>
    </message>
    <message>
        <source>%1 did not answer with a sockscope stream: %2</source>
        <translation>%1 没有返回 sockscope 数据流：%2</translation>
    </message>
    <message>
        <source>Nothing has arrived from %1 yet to record.</source>
        <translation>尚未从 %1 收到任何数据，无法录制。</translation>
    </message>
    <message>
        <source>%1 sends a version %2 stream; this sockscope reads versions %3 to %4. Use the same sockscope version on both ends.</source>
        <translation>%1 发送的是第 %2 版的数据流；此 sockscope 可读取第 %3 至 %4 版。请在两端使用相同版本的 sockscope。</translation>
    </message>
    <message>
        <source>The stream from %1: %2 Everything before it is kept.</source>
        <translation>来自 %1 的数据流：%2 此前的所有数据均已保留。</translation>
    </message>
</context>
<context>
    <name>SysctlApplyReport</name>
    <message>
        <source>Saved to %1; applied at every boot.</source>
        <translation>已保存到 %1；每次开机都会应用。</translation>
    </message>
    <message>
        <source>%1 is set again in %2 (= %3), which is applied later and wins at boot.</source>
        <translation>%1 在 %2 中又被设置（= %3），该文件应用得更晚，开机时以它为准。</translation>
    </message>
    <message>
        <source>Nothing was changed.</source>
        <translation>未做任何修改。</translation>
    </message>
    <message>
        <source>%1 did not take the value; everything was put back.</source>
        <translation>%1 没有接受该值；所有修改都已恢复。</translation>
    </message>
    <message>
        <source>%1 was not changed; nothing else was either.</source>
        <translation>%1 未被修改；其他项也都没有修改。</translation>
    </message>
    <message>
        <source>Cannot save to %1: %2. The change was put back.</source>
        <translation>无法保存到 %1：%2。修改已恢复。</translation>
    </message>
    <message>
        <source>%1 could not be restored to %2; the kernel holds %3. Check it and set it by hand.</source>
        <translation>%1 无法恢复为 %2；内核中现在的值是 %3。请检查并手动设置。</translation>
    </message>
    <message>
        <source>an unreadable value</source>
        <translation>无法读取的值</translation>
    </message>
    <message>
        <source>Cannot save to %1: %2. Nothing was changed.</source>
        <translation>无法保存到 %1：%2。没有做任何修改。</translation>
    </message>
</context>
<context>
    <name>SysctlCatalog</name>
    <message>
        <source>client</source>
        <translation>客户端</translation>
    </message>
    <message>
        <source>server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <source>client and server</source>
        <translation>客户端和服务器</translation>
    </message>
    <message>
        <source>half the TCP established-hash size</source>
        <translation>TCP 已建立连接哈希表大小的一半</translation>
    </message>
    <message>
        <source>the TCP established-hash size / 128, at least 128</source>
        <translation>TCP 已建立连接哈希表大小 / 128，至少 128</translation>
    </message>
    <message>
        <source>milliseconds</source>
        <translation>毫秒</translation>
    </message>
    <message>
        <source>No effect on a server, like tcp_tw_reuse.</source>
        <translation>与 tcp_tw_reuse 一样，对服务器无效。</translation>
    </message>
    <message>
        <source>seconds</source>
        <translation>秒</translation>
    </message>
    <message>
        <source>entries</source>
        <translation>条目数</translation>
    </message>
    <message>
        <source>A low limit makes a client skip TIME-WAIT and reuse ports sooner, at the very risk TIME-WAIT guards against: late segments of an old connection accepted by a new one. Prefer tcp_tw_reuse=1 or connection reuse.</source>
        <translation>上限过低会让客户端跳过 TIME-WAIT、更早重用端口，代价正是 TIME-WAIT 所防范的风险：旧连接的迟到报文段被新连接接受。宁可用 tcp_tw_reuse=1 或复用连接。</translation>
    </message>
    <message>
        <source>On, without the random offset.</source>
        <translation>开启，不使用随机偏移。</translation>
    </message>
    <message>
        <source>No effect on accepted connections: they use the listening port. Keep service ports outside the range or reserve them.</source>
        <translation>对被动接受的连接无效：它们使用监听端口。请让服务端口位于范围之外，或将其保留。</translation>
    </message>
    <message>
        <source>Ports the kernel never picks automatically (connect(), bind() to port 0), so a service can always bind them even when they lie inside ip_local_port_range. A list such as 8080,9000-9010.</source>
        <translation>内核自动选择端口时（connect()、bind() 到端口 0）永远不会选用的端口，这样即使它们位于 ip_local_port_range 之内，服务也总能绑定。格式如 8080,9000-9010。</translation>
    </message>
    <message>
        <source>Per network namespace.</source>
        <translation>每个网络命名空间各自独立。</translation>
    </message>
    <message>
        <source>Reserve the ports your own services listen on before widening ip_local_port_range over them.</source>
        <translation>在把 ip_local_port_range 扩大到覆盖自己服务监听的端口之前，先保留这些端口。</translation>
    </message>
    <message>
        <source>List the ports your services must always be able to bind.</source>
        <translation>列出服务必须始终能够绑定的端口。</translation>
    </message>
    <message>
        <source>sockets</source>
        <translation>套接字数</translation>
    </message>
    <message>
        <source>Rarely matters on a client.</source>
        <translation>对客户端很少有影响。</translation>
    </message>
    <message>
        <source>Raise it only with memory to spare and when the log shows orphan warnings.</source>
        <translation>只在内存充裕且日志出现孤儿套接字警告时才调高。</translation>
    </message>
    <message>
        <source>A busy web server may lower it (2 to 4) to drop connections to vanished clients sooner.</source>
        <translation>繁忙的 Web 服务器可以调低（2 到 4），更早丢弃与已消失客户端的连接。</translation>
    </message>
    <message>
        <source>Per network namespace. The value 2 since Linux 3.12.</source>
        <translation>每个网络命名空间各自独立。取值 2 始于 Linux 3.12。</translation>
    </message>
    <message>
        <source>No effect on a client.</source>
        <translation>对客户端无效。</translation>
    </message>
    <message>
        <source>half-open connections</source>
        <translation>半连接数</translation>
    </message>
    <message>
        <source>connections</source>
        <translation>连接数</translation>
    </message>
    <message>
        <source>Per network namespace. The default is 4096 since Linux 5.4 (128 before).</source>
        <translation>每个网络命名空间各自独立。自 Linux 5.4 起默认 4096（此前为 128）。</translation>
    </message>
    <message>
        <source>Raise it together with the server's own listen() backlog when TcpExt ListenOverflows rises.</source>
        <translation>当 TcpExt ListenOverflows 增长时，连同服务器自身的 listen() backlog 一起调高。</translation>
    </message>
    <message>
        <source>1 keeps TIME-WAIT intact; it does not make TIME-WAIT shorter or longer.</source>
        <translation>取 1 可保持 TIME-WAIT 完整；它不会让 TIME-WAIT 变短或变长。</translation>
    </message>
    <message>
        <source>Gone. For port exhaustion use tcp_tw_reuse=1, a wider ip_local_port_range, or connection reuse.</source>
        <translation>已不存在。端口耗尽时请用 tcp_tw_reuse=1、更大的 ip_local_port_range，或复用连接。</translation>
    </message>
    <message>
        <source>Gone. A server's TIME-WAIT is harmless; size tcp_max_tw_buckets instead.</source>
        <translation>已不存在。服务器上的 TIME-WAIT 无害；请改为调整 tcp_max_tw_buckets。</translation>
    </message>
    <message>
        <source>not in this namespace: it is global, only the host's namespace has it</source>
        <translation>此命名空间中没有：它是全局参数，只有主机的命名空间才有</translation>
    </message>
    <message>
        <source>not present on this kernel</source>
        <translation>本内核没有此参数</translation>
    </message>
    <message>
        <source>host's only</source>
        <translation>仅主机</translation>
    </message>
    <message>
        <source>not present</source>
        <translation>不存在</translation>
    </message>
    <message>
        <source>not present on this kernel: removed in Linux 4.12</source>
        <translation>当前内核中没有：已在 Linux 4.12 中移除</translation>
    </message>
    <message>
        <source>read from a fresh network namespace made by sockscope on this kernel</source>
        <translation>由 sockscope 在当前内核上新建的网络命名空间中读出</translation>
    </message>
    <message>
        <source>read from a fresh network namespace made by sockscope (inside a user namespace) on this kernel</source>
        <translation>由 sockscope 在当前内核上新建的网络命名空间（位于用户命名空间内）中读出</translation>
    </message>
    <message>
        <source>a global setting: a fresh namespace does not have it</source>
        <translation>全局设置：新建的命名空间中没有它</translation>
    </message>
    <message>
        <source>no throwaway namespace could be made: %1</source>
        <translation>无法创建临时命名空间：%1</translation>
    </message>
    <message>
        <source>a fresh namespace does not have this file</source>
        <translation>新建的命名空间中没有这个文件</translation>
    </message>
    <message>
        <source>this namespace's TCP established hash differs from a fresh namespace's</source>
        <translation>本命名空间的 TCP established 哈希表与新建命名空间的不同</translation>
    </message>
    <message>
        <source>documented for Linux 6.18, not detected (%1)</source>
        <translation>Linux 6.18 的文档值，未检测（%1）</translation>
    </message>
    <message>
        <source>documented for Linux 6.18: %1; not detected (%2)</source>
        <translation>Linux 6.18 的文档值：%1；未检测（%2）</translation>
    </message>
    <message>
        <source>%1 to %2 (%3)</source>
        <translation>%1 到 %2（%3）</translation>
    </message>
    <message>
        <source>%1 to %2</source>
        <translation>%1 到 %2</translation>
    </message>
    <message>
        <source>two ports, low ≤ high, low at least ip_unprivileged_port_start</source>
        <translation>两个端口，下限 ≤ 上限，下限不小于 ip_unprivileged_port_start</translation>
    </message>
    <message>
        <source>ports and ranges, e.g. 8080,9000-9010; empty for none</source>
        <translation>端口和范围，例如 8080,9000-9010；为空表示没有</translation>
    </message>
    <message>
        <source>%1. %2</source>
        <translation>%1。%2</translation>
    </message>
    <message>
        <source>%1 (the kernel accepts the same)</source>
        <translation>%1（内核接受的范围相同）</translation>
    </message>
    <message>
        <source>The local ports the kernel picks for connect() and for bind() to port 0. One port can serve many destinations at once, but only one connection at a time, TIME-WAIT included, per (local address, remote address, remote port), unless connect() takes the TIME-WAIT entry over. connect() prefers ports of the low end's parity and bind() the other, each falling back to the rest: a preference, not a split. The low end must not be below ip_unprivileged_port_start; the kernel logs a warning when both ends have the same parity.</source>
        <translation>内核为 connect() 和 bind() 到端口 0 选取的本地端口。一个端口可以同时服务许多目的端，但对每个（本地地址、远端地址、远端端口）同一时刻只能有一个连接，TIME-WAIT 也算在内，除非 connect() 接管了该 TIME-WAIT 条目。connect() 优先选与下限奇偶性相同的端口，bind() 优先选奇偶性相反的端口，各自用完后再用其余端口：这是偏好，不是划分。下限不能小于 ip_unprivileged_port_start；两端奇偶性相同时内核会记录一条警告。</translation>
    </message>
    <message>
        <source>Per network namespace. The default upper end became 60999 (from 61000) with kernel commit 07f4c90062f8; the first release with it is not confirmed here.</source>
        <translation>每个网络命名空间各自独立。默认上限随内核提交 07f4c90062f8 从 61000 改为 60999；首个包含它的版本此处未能确认。</translation>
    </message>
    <message>
        <source>The kernel also accepts port 0; sockscope offers ports 1 to 65535.</source>
        <translation>内核也接受端口 0；sockscope 只提供端口 1 到 65535。</translation>
    </message>
    <message>
        <source>The most orphaned TCP sockets (closed by the application, still finishing the close in the kernel: FIN-WAIT-1, FIN-WAIT-2, CLOSING, LAST-ACK) the host keeps. Past it, orphans are reset and the kernel logs "too many orphaned sockets". TIME-WAIT entries, and FIN-WAIT-2 connections moved into the timewait table, are not orphans (sockstat counts them under tw).</source>
        <translation>主机保留的孤儿 TCP 套接字（已被应用程序关闭、仍在内核中完成关闭过程：FIN-WAIT-1、FIN-WAIT-2、CLOSING、LAST-ACK）的最大数量。超过后，孤儿套接字会被重置，内核记录 "too many orphaned sockets"。TIME-WAIT 条目以及已移入 timewait 表的 FIN-WAIT-2 连接都不是孤儿套接字（sockstat 把它们计入 tw）。</translation>
    </message>
    <message>
        <source>Global, not per namespace: only the host's initial namespace has this file. Its default is set at boot from the host's TCP established-hash size; a fresh namespace cannot show it, so sockscope gives the documented rule.</source>
        <translation>全局设置，不按命名空间区分：只有宿主机的初始命名空间有这个文件。它的默认值在开机时根据宿主机 TCP established 哈希表的大小设定；新建的命名空间无法显示它，所以 sockscope 给出文档中的规则。</translation>
    </message>
    <message>
        <source>The kernel accepts any int; sockscope offers 0 to 16,777,216.</source>
        <translation>内核接受任意 int 值；sockscope 只提供 0 到 16,777,216。</translation>
    </message>
    <message>
        <source>Off: once a listener's half-open queue is past its cap, SYNs are dropped.</source>
        <translation>关闭：监听套接字的半连接队列超过上限后，SYN 被丢弃。</translation>
    </message>
    <message>
        <source>Answer with syncookies once a listener's half-open queue is past its cap.</source>
        <translation>监听套接字的半连接队列超过上限后，用 syncookie 应答。</translation>
    </message>
    <message>
        <source>Always answer with syncookies (for testing).</source>
        <translation>总是用 syncookie 应答（用于测试）。</translation>
    </message>
    <message>
        <source>The kernel also accepts 3 to 255; sockscope offers 0 to 2.</source>
        <translation>内核也接受 3 到 255；sockscope 只提供 0 到 2。</translation>
    </message>
    <message>
        <source>Matters only with tcp_syncookies=0: then SYNs from peers the kernel has no record of are dropped once a listener's half-open queue passes three quarters of this value. It is not the half-open queue's cap: that is the listener's own backlog, min(listen() backlog, somaxconn), past which syncookies take over (tcp_syncookies=1) or SYNs are dropped.</source>
        <translation>只在 tcp_syncookies=0 时起作用：此时一旦监听套接字的半连接队列超过该值的四分之三，来自内核没有记录的对端的 SYN 就会被丢弃。它不是半连接队列的上限：那个上限是监听套接字自己的 backlog，即 min(listen() backlog, somaxconn)，超过后由 syncookie 接管（tcp_syncookies=1）或丢弃 SYN。</translation>
    </message>
    <message>
        <source>Per network namespace. Its default scales with the size of the TCP established hash the namespace uses.</source>
        <translation>每个网络命名空间各自独立。它的默认值随该命名空间所用 TCP established 哈希表的大小而变。</translation>
    </message>
    <message>
        <source>Only if you run with tcp_syncookies=0. To take bursts of connections, raise the listen() backlog and net.core.somaxconn instead.</source>
        <translation>仅当你使用 tcp_syncookies=0 时才需要关心。要承受突发连接，应改为调大 listen() 的 backlog 和 net.core.somaxconn。</translation>
    </message>
    <message>
        <source>The kernel accepts any int, 0 and negative ones too; sockscope offers 1 to 16,777,216.</source>
        <translation>内核接受任意 int 值，包括 0 和负数；sockscope 只提供 1 到 16,777,216。</translation>
    </message>
    <message>
        <source>The cap on the backlog a program passes to listen(). The resulting backlog bounds both the accept queue and the half-open (SYN) queue of that listener.</source>
        <translation>程序传给 listen() 的 backlog 的上限。得到的 backlog 同时限制该监听套接字的全连接队列和半连接队列（SYN 队列）。</translation>
    </message>
    <message>
        <source>The kernel also accepts 0; sockscope offers 1 to 2,147,483,647.</source>
        <translation>内核也接受 0；sockscope 只提供 1 到 2,147,483,647。</translation>
    </message>
    <message>
        <source>connect() never takes over a TIME-WAIT entry through this setting.</source>
        <translation>connect() 不会通过这个设置接管任何 TIME-WAIT 条目。</translation>
    </message>
    <message>
        <source>Per network namespace. The value 2, and 2 as the default, came with kernel commit 79e9fed46038 (2018); before, the values were 0 and 1 and the default 0. The first release with it is not confirmed here: the default shown is this kernel's own.</source>
        <translation>每个网络命名空间各自独立。取值 2 以及默认值 2 来自内核提交 79e9fed46038（2018 年）；在此之前取值只有 0 和 1，默认为 0。首个包含它的版本此处未能确认：这里显示的默认值是当前内核自己的。</translation>
    </message>
    <message>
        <source>A client or proxy that opens many short connections to one server and gets EADDRNOTAVAIL from connect(): 1 helps when tcp_timestamps is on at both ends. Reusing connections (keep-alive, pooling) helps more.</source>
        <translation>向同一服务器建立大量短连接、connect() 返回 EADDRNOTAVAIL 的客户端或代理：两端都开启 tcp_timestamps 时，设为 1 有帮助。复用连接（keep-alive、连接池）帮助更大。</translation>
    </message>
    <message>
        <source>No use on a server: accepted connections never go through this check. A server already accepts a new SYN onto a TIME-WAIT 4-tuple when its sequence number or timestamp is newer. Leave the default.</source>
        <translation>对服务器没有用：被 accept 的连接从不经过这项检查。当新 SYN 的序列号或时间戳更新时，服务器本来就会在 TIME-WAIT 四元组上接受它。保持默认即可。</translation>
    </message>
    <message>
        <source>How long an entry must have been in TIME-WAIT, in milliseconds since it entered it, before tcp_tw_reuse lets connect() take over its 4-tuple.</source>
        <translation>条目进入 TIME-WAIT 后必须经过多少毫秒，tcp_tw_reuse 才允许 connect() 接管它的四元组。</translation>
    </message>
    <message>
        <source>New in Linux 6.14. Before it, the delay was fixed and counted in whole seconds from the last timestamped segment received: 0 to 1 s in practice, 1 to 2 s on older kernels.</source>
        <translation>Linux 6.14 新增。在此之前，延迟是固定的，从最后收到的带时间戳报文段起按整秒计算：实际为 0 到 1 秒，更旧的内核为 1 到 2 秒。</translation>
    </message>
    <message>
        <source>Keep 1000 unless you know why. Too short a delay risks PAWS failing to recognise old duplicate segments of the previous connection, which the new one may then accept silently.</source>
        <translation>除非清楚原因，否则保持 1000。延迟太短时，PAWS 可能认不出上一个连接的旧重复报文段，新连接随后可能会悄无声息地接受它们。</translation>
    </message>
    <message>
        <source>Lowering it (to 30, say) frees orphaned connections sooner when peers never close their side. It does not shorten TIME-WAIT.</source>
        <translation>调低它（例如 30）可以在对端始终不关闭时更早释放孤儿连接。它不会缩短 TIME-WAIT。</translation>
    </message>
    <message>
        <source>Same as for clients: it bounds connections whose peer vanished after this host closed. It does not shorten TIME-WAIT.</source>
        <translation>与客户端相同：它限制本机关闭后对端消失的连接。它不会缩短 TIME-WAIT。</translation>
    </message>
    <message>
        <source>The kernel also accepts 0, negative values and values above 3600; sockscope offers 1 to 3600.</source>
        <translation>内核也接受 0、负数和大于 3600 的值；sockscope 只提供 1 到 3600。</translation>
    </message>
    <message>
        <source>Per network namespace. Its default is half the size of the TCP established hash the namespace uses.</source>
        <translation>每个网络命名空间各自独立。它的默认值是该命名空间所用 TCP established 哈希表大小的一半。</translation>
    </message>
    <message>
        <source>A busy server that closes first (short HTTP connections) can sit at this limit; entries are cheap. If TCPTimeWaitOverflow keeps rising and memory allows, raise it rather than live without TIME-WAIT's protection.</source>
        <translation>先关闭连接的繁忙服务器（HTTP 短连接）可能一直顶在这个上限；条目的代价很小。如果 TCPTimeWaitOverflow 持续上升且内存允许，就调高它，而不要放弃 TIME-WAIT 的保护。</translation>
    </message>
    <message>
        <source>The kernel accepts any int, negative ones too; sockscope offers 0 to 16,777,216.</source>
        <translation>内核接受任意 int 值，包括负数；sockscope 只提供 0 到 16,777,216。</translation>
    </message>
    <message>
        <source>On, with a random offset added to the timestamps (how it is chosen on this kernel is measured below).</source>
        <translation>开启，时间戳加上随机偏移（当前内核如何选择偏移，见下方的测量结果）。</translation>
    </message>
    <message>
        <source>Per network namespace. How the random offset of 1 is chosen has changed between releases and stable updates (per connection, per address pair, per connection again), so sockscope measures what this kernel does instead of inferring it from the version.</source>
        <translation>每个网络命名空间各自独立。取值 1 时随机偏移的选取方式在不同版本和稳定版更新之间变过（按连接、按地址对、又回到按连接），因此 sockscope 测量当前内核的实际做法，而不是根据版本号推断。</translation>
    </message>
    <message>
        <source>Keep 1. Turning timestamps off to 'fix' NAT problems was advice for tcp_tw_recycle, removed in Linux 4.12.</source>
        <translation>保持 1。关闭时间戳来“修复” NAT 问题是针对 tcp_tw_recycle 的建议，而它已在 Linux 4.12 中移除。</translation>
    </message>
    <message>
        <source>The kernel also accepts 3 to 255, which behave like 2 (no offset); sockscope offers 0 to 2.</source>
        <translation>内核也接受 3 到 255，效果与 2 相同（无偏移）；sockscope 只提供 0 到 2。</translation>
    </message>
    <message>
        <source>RSTs received in TIME-WAIT are ignored, as RFC 1337 proposes.</source>
        <translation>按 RFC 1337 的建议，忽略在 TIME-WAIT 中收到的 RST。</translation>
    </message>
    <message>
        <source>The kernel also accepts 2 to 255; sockscope offers 0 and 1.</source>
        <translation>内核也接受 2 到 255；sockscope 只提供 0 和 1。</translation>
    </message>
    <message>
        <source>Removed in Linux 4.12 (kernel commit 4396e46187ca). It cut TIME-WAIT to about 3.5 × RTO and made a listener drop SYNs whose timestamp was older than the last one seen from that remote host. Behind NAT, many clients share one address with unrelated timestamp clocks, so their SYNs were dropped and connections failed at random; once timestamps got random offsets, it broke for everyone.</source>
        <translation>已在 Linux 4.12 中移除（内核提交 4396e46187ca）。它把 TIME-WAIT 缩短到约 3.5 × RTO，并让监听套接字丢弃时间戳比该远端主机上次所见更旧的 SYN。在 NAT 后面，许多客户端共用一个地址而时间戳时钟互不相关，于是它们的 SYN 被丢弃，连接随机失败；时间戳加上随机偏移之后，它对所有人都失效了。</translation>
    </message>
    <message>
        <source>Removed in Linux 4.12. sockscope reads whether this kernel still has the file (see below).</source>
        <translation>已在 Linux 4.12 中移除。sockscope 会读取当前内核是否仍有这个文件（见下方）。</translation>
    </message>
    <message>
        <source>%1, documented for Linux 6.18</source>
        <translation>%1（Linux 6.18 的文档值）</translation>
    </message>
    <message>
        <source>half the TCP established-hash size, documented for Linux 6.18</source>
        <translation>TCP established 哈希表大小的一半（Linux 6.18 的文档值）</translation>
    </message>
    <message>
        <source>the TCP established-hash size / 128, at least 128, documented for Linux 6.18</source>
        <translation>TCP established 哈希表大小 / 128，至少 128（Linux 6.18 的文档值）</translation>
    </message>
    <message>
        <source>Keep 1. TcpExt SyncookiesSent shows when it is in use; TCPReqQFullDrop counts SYNs dropped at a full half-open queue with it off.</source>
        <translation>保持 1。TcpExt SyncookiesSent 显示它何时在起作用；TCPReqQFullDrop 统计关闭它时因半连接队列已满而丢弃的 SYN。</translation>
    </message>
    <message>
        <source>How long an orphaned connection (closed by this host, no longer held by any process) may wait in FIN-WAIT-2 for the peer's FIN. Up to 60 s, the wait is this value. Above 60 s the kernel gives 2 × (value − 60) s: first as a full socket, then the same again as a timewait entry. The kernel uses at least 3.5 × RTO, and a socket's own TCP_LINGER2 overrides the value. It is not the TIME-WAIT length: TIME-WAIT lasts 60 s whatever this says. As a timewait entry, ss shows the connection as FIN-WAIT-2 with a timewait timer, and it counts in sockstat tw and against tcp_max_tw_buckets.</source>
        <translation>孤儿连接（由本机关闭、不再被任何进程持有）在 FIN-WAIT-2 中等待对端 FIN 的最长时间。取值不超过 60 秒时即等待该时长；超过 60 秒时，内核实际给出 2 ×（取值 − 60）秒：先以完整套接字等待，再以 timewait 条目等待同样长的时间。内核至少使用 3.5 × RTO，套接字自己的 TCP_LINGER2 会覆盖该值。它不是 TIME-WAIT 的时长：无论它设为多少，TIME-WAIT 都持续 60 秒。作为 timewait 条目时，ss 把该连接显示为带 timewait 计时器的 FIN-WAIT-2，它计入 sockstat tw，也占用 tcp_max_tw_buckets 的名额。</translation>
    </message>
    <message>
        <source>How long an orphaned connection keeps retransmitting to a peer that stopped answering before it is killed. The number is turned into a time budget, as for tcp_retries2 (the time that many backed-off retransmissions would take), not a literal count. 0, the default, means 8 as long as the retransmission timeout is below its maximum (tcp_rto_max_ms on kernels that have it, TCP_RTO_MAX before; 120 s by default).</source>
        <translation>孤儿连接在被终止之前，向不再应答的对端重传多久。这个数字会像 tcp_retries2 一样换算成时间预算（按指数退避重传这么多次所需的时间），而不是确切的次数。默认值 0 表示：只要重传超时低于其最大值（有 tcp_rto_max_ms 的内核上为它，之前为 TCP_RTO_MAX；默认 120 秒），就按 8 计算。</translation>
    </message>
    <message>
        <source>SYN Flood protection. A listener's half-open (SYN) queue is capped by the listener's own backlog, min(listen() backlog, somaxconn). Past that cap, with 1, the kernel answers a SYN with a cookie instead of keeping a request socket, so legitimate clients still get in as long as the accept queue has room (a full one drops them, counted in TcpExt ListenOverflows).</source>
        <translation>SYN Flood 防护。监听套接字的半连接队列（SYN 队列）上限是它自己的 backlog，即 min(listen() backlog, somaxconn)。超过这个上限后，取值为 1 时内核用 cookie 应答 SYN，而不保留请求套接字；只要全连接队列还有空间，合法客户端仍能连入（全连接队列满时会被丢弃，计入 TcpExt ListenOverflows）。</translation>
    </message>
    <message>
        <source>As 1, but only when the old connection's local or remote address is a loopback address (127.0.0.0/8, ::1, ::ffff:127.0.0.0/104) or it was bound to lo. Traffic between containers over a bridge or veth is not loopback.</source>
        <translation>同 1，但仅当旧连接的本地或远端地址是环回地址（127.0.0.0/8、::1、::ffff:127.0.0.0/104），或它绑定在 lo 上时。容器之间经网桥或 veth 的流量不算环回。</translation>
    </message>
    <message>
        <source>The most entries the namespace's timewait table may hold: TIME-WAIT and orphaned FIN-WAIT-2 entries, IPv4 and IPv6 together (what /proc/net/sockstat shows as tw, not the TIME-WAIT rows alone). When it is full, a closing connection gets no entry and is destroyed at once; TcpExt TCPTimeWaitOverflow counts each such close (and each close whose entry could not be allocated). Each entry is a small slab object (tw_sock_TCP, tw_sock_TCPv6).</source>
        <translation>本命名空间 timewait 表最多能容纳的条目数：TIME-WAIT 和孤儿 FIN-WAIT-2 条目，IPv4 和 IPv6 合计（即 /proc/net/sockstat 中的 tw，而不只是 TIME-WAIT 行）。表满时，正在关闭的连接得不到条目，会被立即销毁；TcpExt TCPTimeWaitOverflow 统计每一次这样的关闭（以及每一次因条目分配失败而发生的关闭）。每个条目是一个很小的 slab 对象（tw_sock_TCP、tw_sock_TCPv6）。</translation>
    </message>
    <message>
        <source>An RST with the expected sequence number ends a TIME-WAIT entry early ("TIME-WAIT assassination").</source>
        <translation>序列号恰为期望值的 RST 会提前结束 TIME-WAIT 条目（“TIME-WAIT 暗杀”）。</translation>
    </message>
    <message>
        <source>What an RST does to a TIME-WAIT entry. With 0, an RST carrying exactly the expected sequence number (and passing PAWS) ends TIME-WAIT before its 60 s and with it the protection against old duplicates.</source>
        <translation>RST 对 TIME-WAIT 条目的作用。取 0 时，一个序列号恰为期望值（并通过 PAWS 检查）的 RST 就能让 TIME-WAIT 在 60 秒前结束，对旧重复报文的保护也随之失去。</translation>
    </message>
    <message>
        <source>A client making many connections to one server holds at most high − low + 1 of them at a time per source address, TIME-WAIT entries included unless they are taken over. Widen the range (10000 64999, say: ends of different parity, with the ports your services listen on in ip_local_reserved_ports), add source addresses or destination ports, or reuse connections.</source>
        <translation>向同一服务器建立大量连接的客户端，每个源地址同一时刻最多持有 上限 − 下限 + 1 个连接，TIME-WAIT 条目也算在内，除非它们被接管。可以扩大范围（例如 10000 64999：两端奇偶性不同；并把自己服务监听的端口写进 ip_local_reserved_ports）、增加源地址或远端端口，或者复用连接。</translation>
    </message>
    <message>
        <source>An outgoing connect() may take over the 4-tuple of a TIME-WAIT entry once the entry is older than the reuse delay, if the entry holds a record of a peer timestamp: received by the old connection, or inherited by it when it took over an earlier entry. connect() compares no timestamps itself: the new connection starts its sequence numbers above the old one's and keeps the peer's last timestamp for PAWS.</source>
        <translation>当 TIME-WAIT 条目存在的时间超过复用延迟，且条目带有对端时间戳的记录（由旧连接收到，或旧连接在接管更早的条目时继承而来）时，主动发起的 connect() 可以接管该条目的四元组。connect() 本身不比较时间戳：新连接的序列号从旧连接之上开始，并保留对端最后的时间戳供 PAWS 使用。</translation>
    </message>
    <message>
        <source>Lets a new outgoing connection take over the 4-tuple (local address and port, remote address and port) of an entry still in TIME-WAIT instead of waiting for it to expire. Only connect() consults it, when it picks a local port. It does not make TIME-WAIT shorter, and orphaned FIN-WAIT-2 entries are never taken over through it. Separately, a program that sets SO_REUSEADDR, bind()s the port of a TIME-WAIT entry whose socket also had SO_REUSEADDR, then connect()s, takes the entry over whatever tcp_tw_reuse and the delay say, provided the entry holds a record of a peer timestamp (otherwise connect() fails with EADDRNOTAVAIL); without SO_REUSEADDR on both, bind() fails with EADDRINUSE.</source>
        <translation>让新的主动连接接管仍处于 TIME-WAIT 的条目的四元组（本地地址和端口、远端地址和端口），而不必等它到期。只有 connect() 在选择本地端口时才会查看它。它不会缩短 TIME-WAIT，孤儿 FIN-WAIT-2 条目也永远不会通过它被接管。另外，若程序设置 SO_REUSEADDR，bind() 到某个 TIME-WAIT 条目的端口（该条目原来的套接字也设置过 SO_REUSEADDR）再 connect()，则不论 tcp_tw_reuse 和延迟如何都会接管该条目，前提是条目带有对端时间戳的记录（否则 connect() 以 EADDRNOTAVAIL 失败）；两边没有都设置 SO_REUSEADDR 时，bind() 以 EADDRINUSE 失败。</translation>
    </message>
    <message>
        <source>The TCP timestamps option (RFC 7323): better round-trip estimates and PAWS, which rejects old duplicate segments. connect() takes over a TIME-WAIT entry only if the entry holds a record of a peer timestamp: the old connection received one, or inherited the record when it took over an earlier entry. With 0 from the start, no entry gets one.</source>
        <translation>TCP 时间戳选项（RFC 7323）：更准确的往返时间估计，以及拒绝旧重复报文段的 PAWS。只有条目带有对端时间戳的记录时，connect() 才会接管该 TIME-WAIT 条目：旧连接收到过对端时间戳，或在接管更早的条目时继承了该记录。如果从一开始就是 0，任何条目都不会有这样的记录。</translation>
    </message>
    <message>
        <source>Off: connections neither send timestamps nor record the peer's, so no PAWS, and connect() never takes over an entry without a record of the peer's timestamp. A connection that takes over an entry inherits its record and hands it on to its own entry, though: after a switch to 0, a client that keeps reusing ports goes on doing so, without PAWS, until the entries expire unused.</source>
        <translation>关闭：连接既不发送时间戳，也不记录对端的时间戳，因此没有 PAWS；connect() 也从不接管没有对端时间戳记录的条目。不过，接管条目的连接会继承该条目的记录，并把它传给自己的条目：改为 0 之后，持续复用端口的客户端会在没有 PAWS 的情况下继续复用，直到这些条目在未被接管的情况下过期。</translation>
    </message>
    <message>
        <source>Keep 1: with 0 from the start, tcp_tw_reuse cannot take effect; switched to 0 under load, it goes on taking over entries, without PAWS, until the entries expire unused.</source>
        <translation>保持 1：从一开始就设为 0 时 tcp_tw_reuse 无法生效；在有负载时改为 0，它会在没有 PAWS 的情况下继续接管条目，直到这些条目在未被接管的情况下过期。</translation>
    </message>
    <message>
        <source>off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>clients may reuse TIME-WAIT ports</source>
        <translation>客户端可复用 TIME-WAIT 端口</translation>
    </message>
    <message>
        <source>as 1, loopback only</source>
        <translation>同 1，但仅限环回</translation>
    </message>
    <message>
        <source>on, with a random offset</source>
        <translation>开启，带随机偏移</translation>
    </message>
    <message>
        <source>on, without an offset</source>
        <translation>开启，无偏移</translation>
    </message>
    <message>
        <source>an RST ends TIME-WAIT early</source>
        <translation>RST 会提前结束 TIME-WAIT</translation>
    </message>
    <message>
        <source>RSTs in TIME-WAIT are ignored</source>
        <translation>忽略 TIME-WAIT 中收到的 RST</translation>
    </message>
    <message>
        <source>when a half-open queue is full</source>
        <translation>半连接队列满时</translation>
    </message>
    <message>
        <source>always (for testing)</source>
        <translation>始终（用于测试）</translation>
    </message>
</context>
<context>
    <name>SysctlChangeBox</name>
    <message>
        <source>(empty)</source>
        <translation>（空）</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>修改</translation>
    </message>
    <message>
        <source>New value:</source>
        <translation>新值：</translation>
    </message>
    <message>
        <source>Reset to kernel default</source>
        <translation>恢复内核默认值</translation>
    </message>
    <message>
        <source>Keep after reboot (/etc/sysctl.d)</source>
        <translation>重启后保留（/etc/sysctl.d）</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>应用</translation>
    </message>
    <message>
        <source>Revert</source>
        <translation>还原</translation>
    </message>
    <message>
        <source>Forget the changes not applied yet.</source>
        <translation>放弃尚未应用的修改。</translation>
    </message>
    <message>
        <source>The kernel default is not known here.</source>
        <translation>此处无法得知内核默认值。</translation>
    </message>
    <message>
        <source>The kernel default is not known here: it is %1, which this kernel does not show.</source>
        <translation>此处无法得知内核默认值：它等于%1，而本内核没有提供这个数值。</translation>
    </message>
    <message>
        <source>Already the kernel default, %1.</source>
        <translation>已经是内核默认值 %1。</translation>
    </message>
    <message>
        <source>Put the kernel default, %1, in the editor; Apply writes it.</source>
        <translation>把内核默认值 %1 填入编辑框；点击“应用”后写入。</translation>
    </message>
    <message>
        <source>Cannot confirm this is the host's namespace (%1 is not readable); sysctl.d applies only there.</source>
        <translation>无法确认这是主机的命名空间（%1 不可读）；sysctl.d 只对主机的命名空间生效。</translation>
    </message>
    <message>
        <source>Also save the change to /etc/sysctl.d/90-sockscope.conf, applied at boot to the host's namespace.</source>
        <translation>同时保存到 /etc/sysctl.d/90-sockscope.conf，开机时应用于主机的命名空间。</translation>
    </message>
    <message>
        <source>current</source>
        <translation>当前</translation>
    </message>
    <message>
        <source>network namespace %1 (%2)</source>
        <translation>网络命名空间 %1（%2）</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>In %1, at runtime and kept after reboot (/etc/sysctl.d/90-sockscope.conf):</source>
        <translation>在%1中，立即生效并在重启后保留（/etc/sysctl.d/90-sockscope.conf）：</translation>
    </message>
    <message>
        <source>In %1, at runtime only (gone after reboot):</source>
        <translation>在%1中，仅在运行时生效（重启后失效）：</translation>
    </message>
    <message>
        <source>Nothing can be applied while the new value is invalid.</source>
        <translation>新值无效，无法应用任何修改。</translation>
    </message>
    <message>
        <source>No changes to apply.</source>
        <translation>没有要应用的修改。</translation>
    </message>
    <message>
        <source>Applying…</source>
        <translation>正在应用…</translation>
    </message>
    <message>
        <source>✔ %1: %2 → %3 (read back from the kernel)</source>
        <translation>✔ %1：%2 → %3（已从内核读回确认）</translation>
    </message>
    <message>
        <source>= %1 was already %2</source>
        <translation>= %1 已经是 %2</translation>
    </message>
    <message>
        <source>✘ %1 refused: %2</source>
        <translation>✘ %1 被拒绝：%2</translation>
    </message>
    <message>
        <source>✘ %1: the kernel did not take it: %2</source>
        <translation>✘ %1：内核没有接受：%2</translation>
    </message>
    <message>
        <source>✘ %1 %2</source>
        <translation>✘ %1 %2</translation>
    </message>
    <message>
        <source>↺ %1 put back to %2</source>
        <translation>↺ %1 已恢复为 %2</translation>
    </message>
    <message>
        <source>· %1 not attempted</source>
        <translation>· %1 未尝试</translation>
    </message>
    <message>
        <source>✘ %1</source>
        <translation>✘ %1</translation>
    </message>
    <message>
        <source>Not available in a child namespace: sysctl.d sets the host's only</source>
        <translation>子命名空间中不可用：sysctl.d 只设置主机的命名空间</translation>
    </message>
    <message>
        <source>%1 is a child network namespace: sysctl.d applies only to the host's, at boot.</source>
        <translation>%1 是子网络命名空间：sysctl.d 只在开机时应用于主机的命名空间。</translation>
    </message>
    <message>
        <source>Host namespace not confirmed</source>
        <translation>未能确认是主机命名空间</translation>
    </message>
    <message>
        <source>No namespace observed yet</source>
        <translation>尚未观察到命名空间</translation>
    </message>
    <message>
        <source>Not available in a replay: nothing is changed</source>
        <translation>回放时不可用：不会更改任何内容</translation>
    </message>
    <message>
        <source>Host namespace not checked yet</source>
        <translation>尚未核实是否为主机命名空间</translation>
    </message>
</context>
<context>
    <name>SysctlChangeRisk</name>
    <message>
        <source>The reserved ports cover the whole local port range %1–%2: no port is left for connect(). Outgoing connections without an explicit bind() fail with EADDRNOTAVAIL ("Cannot assign requested address"), and bind() to port 0 fails with EADDRINUSE.</source>
        <translation>保留端口覆盖了整个本地端口范围 %1–%2：connect() 没有可用端口。未显式 bind() 的出站连接会以 EADDRNOTAVAIL（“Cannot assign requested address”）失败，bind() 到端口 0 会以 EADDRINUSE 失败。</translation>
    </message>
    <message>
        <source>somaxconn %1 is below the backlog of the largest listener here (port %2: %3). Listeners keep their backlog until they call listen() again, as on a restart; from then on their accept queue and half-open queue are capped at %1, and connections beyond it wait or are dropped (TcpExt ListenOverflows rises).</source>
        <translation>somaxconn %1 低于此处最大监听套接字的 backlog（端口 %2：%3）。监听套接字在再次调用 listen()（例如重启服务）之前保持原有 backlog；之后其全连接队列和半连接队列都被限制为 %1，超出的连接会等待或被丢弃（TcpExt ListenOverflows 增加）。</translation>
    </message>
    <message>
        <source>unknown here</source>
        <translation>此处未知</translation>
    </message>
    <message>
        <source>It changes %1 settings at once.</source>
        <translation>一次修改 %1 个参数。</translation>
    </message>
    <message>
        <source>%1 changes tenfold or more: %2 → %3.</source>
        <translation>%1 变化达十倍或以上：%2 → %3。</translation>
    </message>
    <message>
        <source>%1 shrinks from %2 to %3 ports.</source>
        <translation>%1 从 %2 个端口缩小到 %3 个。</translation>
    </message>
    <message>
        <source>It is kept after reboot (saved to /etc/sysctl.d).</source>
        <translation>修改会在重启后保留（保存到 /etc/sysctl.d）。</translation>
    </message>
    <message>
        <source>tcp_max_tw_buckets 0: every close that would enter TIME-WAIT (or wait as an orphaned FIN-WAIT-2 entry) skips it. The socket is freed at once, TcpExt TCPTimeWaitOverflow rises with each such close, and nothing protects a new connection on the same ports from delayed segments of the old one.</source>
        <translation>tcp_max_tw_buckets 为 0：每次本应进入 TIME-WAIT（或作为孤儿 FIN-WAIT-2 条目等待）的关闭都会跳过它。套接字立即释放，每次这样的关闭都会使 TcpExt TCPTimeWaitOverflow 增加，使用相同端口的新连接也不再受到旧连接迟到报文的保护。</translation>
    </message>
    <message>
        <source>tcp_max_tw_buckets %1 is not above the %2 entries in the timewait table now (sockstat tw): until the table drains below %1, every close that would enter TIME-WAIT skips it and TcpExt TCPTimeWaitOverflow rises.</source>
        <translation>tcp_max_tw_buckets %1 不大于 timewait 表中当前的 %2 个条目（sockstat tw）：在表中条目降到 %1 以下之前，每次本应进入 TIME-WAIT 的关闭都会跳过它，TcpExt TCPTimeWaitOverflow 随之增加。</translation>
    </message>
    <message>
        <source>tcp_syncookies 0 turns SYN cookies off, the SYN Flood protection: once a listener's half-open queue is past its backlog (min(listen() backlog, somaxconn)), further SYNs are dropped, and SYNs from peers the kernel has no record of are dropped already past three quarters of tcp_max_syn_backlog (%1). During a SYN Flood genuine clients' connections are dropped.</source>
        <translation>tcp_syncookies 为 0 会关闭 SYN cookies，即 SYN Flood 防护：监听套接字的半连接队列超过其 backlog（min(listen() backlog, somaxconn)）后，新的 SYN 会被丢弃；而来自内核没有记录的对端的 SYN，在半连接队列超过 tcp_max_syn_backlog（%1）的四分之三时就已被丢弃。遭受 SYN Flood 时，正常客户端的连接会被丢弃。</translation>
    </message>
</context>
<context>
    <name>SysctlConfirmDialog</name>
    <message>
        <source>Apply this change?</source>
        <translation>应用此修改？</translation>
    </message>
    <message>
        <source>Apply a dangerous value?</source>
        <translation>应用危险的值？</translation>
    </message>
    <message>
        <source>Apply will make exactly this change:</source>
        <translation>“应用”将进行以下修改，不多也不少：</translation>
    </message>
    <message>
        <source>Warning: the kernel accepts these values, but:</source>
        <translation>警告：内核会接受这些值，但是：</translation>
    </message>
    <message>
        <source>Asked because this is a large change:</source>
        <translation>因为这是一次较大的修改，所以需要确认：</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>应用</translation>
    </message>
    <message>
        <source>Apply anyway</source>
        <translation>仍然应用</translation>
    </message>
</context>
<context>
    <name>SysctlDetail</name>
    <message>
        <source>Not on this kernel: it came in Linux 6.14.</source>
        <translation>本内核没有此参数：它在 Linux 6.14 中加入。</translation>
    </message>
    <message>
        <source>A full table of %1 entries takes about %2 of slab here (%3 bytes per entry).</source>
        <translation>在这里，%1 个条目的满表约占 %2 slab 内存（每个条目 %3 字节）。</translation>
    </message>
    <message>
        <source>This namespace is not the host's, so it has no tcp_max_orphans; the host's value applies.</source>
        <translation>这不是主机的命名空间，所以没有 tcp_max_orphans；适用主机上的值。</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>Value here</source>
        <translation>此处的值</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>（空）</translation>
    </message>
    <message>
        <source>Kernel default</source>
        <translation>内核默认值</translation>
    </message>
    <message>
        <source>Scope</source>
        <translation>作用范围</translation>
    </message>
    <message>
        <source>each network namespace has its own</source>
        <translation>每个网络命名空间各自独立</translation>
    </message>
    <message>
        <source>global: the host's only</source>
        <translation>全局：只有主机有</translation>
    </message>
    <message>
        <source>Helps</source>
        <translation>适用于</translation>
    </message>
    <message>
        <source>Values</source>
        <translation>取值含义</translation>
    </message>
    <message>
        <source>History</source>
        <translation>历史</translation>
    </message>
    <message>
        <source>On a client</source>
        <translation>在客户端</translation>
    </message>
    <message>
        <source>On a server</source>
        <translation>在服务器</translation>
    </message>
    <message>
        <source>On this kernel (%1):</source>
        <translation>在本内核（%1）上：</translation>
    </message>
    <message>
        <source>What trainees mix up</source>
        <translation>学员容易混淆的概念</translation>
    </message>
    <message>
        <source>Measured in a throwaway namespace: with tcp_timestamps=1 this kernel gives each connection its own random offset, even between the same two addresses.</source>
        <translation>在临时命名空间中测得：tcp_timestamps=1 时，当前内核为每个连接分配各自的随机偏移，即使两个地址相同也是如此。</translation>
    </message>
    <message>
        <source>Measured in a throwaway namespace: with tcp_timestamps=1 this kernel gives all connections between the same two addresses the same random offset.</source>
        <translation>在临时命名空间中测得：tcp_timestamps=1 时，当前内核为相同两个地址之间的所有连接分配同一个随机偏移。</translation>
    </message>
    <message>
        <source>Measured in a throwaway namespace: with tcp_timestamps=1 this kernel added no offset.</source>
        <translation>在临时命名空间中测得：tcp_timestamps=1 时，当前内核没有加偏移。</translation>
    </message>
    <message>
        <source>sockscope could not measure how this kernel chooses the offset.</source>
        <translation>sockscope 无法测量当前内核如何选择偏移。</translation>
    </message>
    <message>
        <source>tcp_tw_reuse is 2 here: connect() takes over TIME-WAIT entries of loopback traffic only.</source>
        <translation>此处 tcp_tw_reuse 为 2：connect() 只接管环回流量的 TIME-WAIT 条目。</translation>
    </message>
    <message>
        <source>An entry can be taken over %1 ms after it entered TIME-WAIT (tcp_tw_reuse_delay).</source>
        <translation>条目进入 TIME-WAIT %1 毫秒后即可被接管（tcp_tw_reuse_delay）。</translation>
    </message>
    <message>
        <source>The table holds %1 entries now (sockstat tw: TIME-WAIT and orphaned FIN-WAIT-2); %2 of the socket table's rows are TIME-WAIT.</source>
        <translation>表中当前有 %1 个条目（sockstat tw：TIME-WAIT 与孤儿 FIN-WAIT-2）；套接字表中有 %2 行是 TIME-WAIT。</translation>
    </message>
    <message>
        <source>This kernel still has tcp_tw_recycle (value %1): it predates the removal. Keep it 0.</source>
        <translation>当前内核仍有 tcp_tw_recycle（值为 %1）：它早于该设置被移除的版本。请保持为 0。</translation>
    </message>
    <message>
        <source>This kernel has no /proc/sys/net/ipv4/tcp_tw_recycle.</source>
        <translation>当前内核没有 /proc/sys/net/ipv4/tcp_tw_recycle。</translation>
    </message>
    <message>
        <source>%1 = %2</source>
        <translation>%1 = %2</translation>
    </message>
    <message>
        <source>%1: no such file</source>
        <translation>%1：没有这个文件</translation>
    </message>
    <message>
        <source>%1: unreadable</source>
        <translation>%1：无法读取</translation>
    </message>
    <message>
        <source>See it yourself</source>
        <translation>自己动手查看</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>sockscope lets you set</source>
        <translation>sockscope 允许设置的值</translation>
    </message>
    <message>
        <source>Read from this kernel (%1) at the last refresh: %2.</source>
        <translation>上次刷新时从当前内核（%1）读取：%2。</translation>
    </message>
    <message>
        <source>Default %1 read from a fresh network namespace.</source>
        <translation>默认值 %1 读自新建的网络命名空间。</translation>
    </message>
    <message>
        <source>tcp_tw_reuse = %1, tcp_tw_reuse_delay = %2.</source>
        <translation>tcp_tw_reuse = %1，tcp_tw_reuse_delay = %2。</translation>
    </message>
    <message>
        <source>no such file</source>
        <translation>没有这个文件</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 毫秒</translation>
    </message>
    <message>
        <source>Sources: the Linux 6.18 sources and Documentation/networking/ip-sysctl.rst; tcp(7), socket(7), ip(7). Run the commands on your own host to check.</source>
        <translation>资料来源：Linux 6.18 源代码和 Documentation/networking/ip-sysctl.rst；tcp(7)、socket(7)、ip(7)。可以在自己的主机上运行这些命令来核对。</translation>
    </message>
    <message>
        <source>This kernel has no tcp_tw_reuse_delay (it came in 6.14): an entry can be taken over 0 to 1 s after the last timestamped segment it received (1 to 2 s on older kernels), counted in whole seconds.</source>
        <translation>本内核没有 tcp_tw_reuse_delay（它在 6.14 中引入）：条目在收到最后一个带时间戳的报文段后 0 到 1 秒（更旧的内核为 1 到 2 秒）可被接管，按整秒计算。</translation>
    </message>
    <message>
        <source>The other statements follow the Linux %1 sources and %2, checked against them and, where a kernel can show them, in private namespaces on Linux %1, the series this kernel (%3) belongs to.</source>
        <translation>其余说明依据 Linux %1 的源代码和 %2，已对照它们核对，并在内核能够显示的地方于 Linux %1 的私有命名空间中验证过；当前内核（%3）属于这个版本系列。</translation>
    </message>
    <message>
        <source>The other statements follow the Linux %1 sources and %2, checked against them and, where a kernel can show them, in private namespaces on Linux %1, not on this kernel (%3): some may not hold here.</source>
        <translation>其余说明依据 Linux %1 的源代码和 %2，已对照它们核对，并在内核能够显示的地方于 Linux %1 的私有命名空间中验证过，不一定是在当前内核（%3）上：有些说明在这里可能不成立。</translation>
    </message>
    <message>
        <source>%1 s here: an orphaned FIN-WAIT-2 connection waits %2 s for the peer's FIN, %3 s as a full socket and then %3 s as a timewait entry.</source>
        <translation>此处为 %1 秒：孤儿 FIN-WAIT-2 连接等待对端 FIN 共 %2 秒，先以完整套接字等待 %3 秒，再以 timewait 条目等待 %3 秒。</translation>
    </message>
    <message>
        <source>%1 s here: an orphaned FIN-WAIT-2 connection waits %1 s for the peer's FIN (at least 3.5 × RTO), as a timewait entry.</source>
        <translation>此处为 %1 秒：孤儿 FIN-WAIT-2 连接等待对端 FIN %1 秒（至少 3.5 × RTO），以 timewait 条目的形式等待。</translation>
    </message>
    <message>
        <source>%1 ports here, %2 of them reserved (ip_local_reserved_ports): at most %3 connections at a time from one local address to one remote address and port.</source>
        <translation>此处共 %1 个端口，其中 %2 个被保留（ip_local_reserved_ports）：从一个本地地址到同一远端地址和端口，同一时刻最多 %3 个连接。</translation>
    </message>
    <message>
        <source>%1 ports here: at most %1 connections at a time from one local address to one remote address and port, less the ip_local_reserved_ports inside the range.</source>
        <translation>此处共 %1 个端口：从一个本地地址到同一远端地址和端口，同一时刻最多 %1 个连接，再减去范围内的 ip_local_reserved_ports。</translation>
    </message>
    <message>
        <source>tcp_timestamps is 0 here: new connections record no peer timestamp, and an entry without one is never taken over. A connection that takes over an entry inherits the entry's record and hands it on, though, so reuse under way before the switch goes on, without PAWS, until the entries expire unused.</source>
        <translation>此处 tcp_timestamps 为 0：新连接不记录对端时间戳，没有这种记录的条目永远不会被接管。不过，接管条目的连接会继承该条目的记录并继续传下去，所以切换前已在进行的复用会在没有 PAWS 的情况下继续，直到这些条目在未被接管的情况下过期。</translation>
    </message>
    <message>
        <source>%1 ports here: at most %1 connections at a time from one local address to one remote address and port.</source>
        <translation>此处共 %1 个端口：从一个本地地址到同一远端地址和端口，同一时刻最多 %1 个连接。</translation>
    </message>
</context>
<context>
    <name>SysctlItemResult</name>
    <message>
        <source>not present on this kernel or in this namespace</source>
        <translation>本内核或本命名空间中不存在</translation>
    </message>
    <message>
        <source>cannot read it: %1</source>
        <translation>无法读取：%1</translation>
    </message>
    <message>
        <source>the kernel refused the value (%1)</source>
        <translation>内核拒绝了该值（%1）</translation>
    </message>
    <message>
        <source>the kernel kept %1 instead; put back to %2</source>
        <translation>内核保留了 %1；已恢复为 %2</translation>
    </message>
    <message>
        <source>the kernel kept %1 instead</source>
        <translation>内核保留了 %1</translation>
    </message>
    <message>
        <source>put back to %1</source>
        <translation>已恢复为 %1</translation>
    </message>
    <message>
        <source>put back: it could not be saved</source>
        <translation>已恢复：无法保存</translation>
    </message>
    <message>
        <source>could not be put back to %1 (%2); the kernel holds %3</source>
        <translation>无法恢复为 %1（%2）；内核中现在的值是 %3</translation>
    </message>
    <message>
        <source>an unreadable value</source>
        <translation>无法读取的值</translation>
    </message>
</context>
<context>
    <name>SysctlListModel</name>
    <message>
        <source>removed</source>
        <translation>已移除</translation>
    </message>
    <message>
        <source>unreadable</source>
        <translation>无法读取</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>（空）</translation>
    </message>
    <message>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <source>Sysctl</source>
        <translation>Sysctl</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>Default</source>
        <translation>默认值</translation>
    </message>
    <message>
        <source>Differs from this kernel's default (%1), read from a fresh network namespace.</source>
        <translation>与当前内核的默认值（%1，读自新建的网络命名空间）不同。</translation>
    </message>
    <message>
        <source>%1 (documented)</source>
        <extracomment>A default sockscope could not read from this kernel; its documentation's value</extracomment>
        <translation>%1（文档值）</translation>
    </message>
    <message>
        <source>≠ marks a value that differs from this kernel's default, read from a fresh network namespace (no mark where the default could not be read)</source>
        <translation>≠ 标出与当前内核默认值（读自新建的网络命名空间）不同的值（无法读取默认值的项不做标记）</translation>
    </message>
</context>
<context>
    <name>SysctlPanel</name>
    <message>
        <source>Explanation</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>What trainees mix up</source>
        <translation>学员容易混淆的概念</translation>
    </message>
    <message>
        <source>Close sequence</source>
        <translation>关闭过程</translation>
    </message>
</context>
<context>
    <name>SysctlPersister</name>
    <message>
        <source>line %1 sets %2 to a value sockscope would not write (%3); correct or remove it first.</source>
        <translation>第 %1 行把 %2 设为 sockscope 不会写入的值（%3）；请先改正或删除该行。</translation>
    </message>
</context>
<context>
    <name>SysctlRequest</name>
    <message>
        <source>Nothing to change: give name=value pairs.</source>
        <translation>没有要修改的内容：请给出 名称=值 对。</translation>
    </message>
    <message>
        <source>Too many changes at once: %1 (at most %2).</source>
        <translation>一次修改太多：%1 个（最多 %2 个）。</translation>
    </message>
    <message>
        <source>"%1" is not name=value.</source>
        <translation>“%1”不是 名称=值 的形式。</translation>
    </message>
    <message>
        <source>"%1" is not a sysctl sockscope manages.</source>
        <translation>“%1”不是 sockscope 管理的 sysctl 参数。</translation>
    </message>
    <message>
        <source>%1 is given twice.</source>
        <translation>%1 出现了两次。</translation>
    </message>
</context>
<context>
    <name>SysctlTransaction</name>
    <message>
        <source>sysctl.d applies at boot to the host's network namespace only, and this is not the host's; nothing was saved or changed.</source>
        <translation>sysctl.d 只在开机时应用于主机的网络命名空间，而这不是主机的命名空间；未保存也未修改任何内容。</translation>
    </message>
</context>
<context>
    <name>SysctlValue</name>
    <message>
        <source>%1 no longer exists: %2</source>
        <translation>%1 已不存在：%2</translation>
    </message>
    <message>
        <source>%1 takes a whole number from %2 to %3, not "%4".</source>
        <translation>%1 需要 %2 到 %3 之间的整数，而不是“%4”。</translation>
    </message>
    <message>
        <source>%1 does not take %2.</source>
        <translation>%1 不接受 %2。</translation>
    </message>
    <message>
        <source>%1 takes LOW-HIGH, two port numbers, not "%2".</source>
        <translation>%1 需要 下限-上限 两个端口号，而不是“%2”。</translation>
    </message>
    <message>
        <source>%1: the low end %2 is above the high end %3.</source>
        <translation>%1：下限 %2 大于上限 %3。</translation>
    </message>
    <message>
        <source>%1: the low end must be at least ip_unprivileged_port_start (%2).</source>
        <translation>%1：下限不能小于 ip_unprivileged_port_start（%2）。</translation>
    </message>
    <message>
        <source>%1: at most %2 ports or ranges.</source>
        <translation>%1：最多 %2 个端口或范围。</translation>
    </message>
    <message>
        <source>%1 takes ports and ranges such as 8080,9000-9010; "%2" is neither.</source>
        <translation>%1 需要端口和范围，例如 8080,9000-9010；“%2”两者都不是。</translation>
    </message>
</context>
<context>
    <name>SysctlValueEditor</name>
    <message>
        <source>to</source>
        <translation>到</translation>
    </message>
    <message>
        <source>e.g. 8080,9000-9010 (empty: none)</source>
        <translation>例如 8080,9000-9010（为空表示没有）</translation>
    </message>
    <message>
        <source>Removed from the kernel: nothing to set.</source>
        <translation>已从内核中移除：无可设置。</translation>
    </message>
    <message>
        <source>Not present on this kernel or in this namespace: nothing to set.</source>
        <translation>本内核或本命名空间中不存在：无可设置。</translation>
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
        <extracomment>Half-open connection waiting for the client's final ACK (a request socket).</extracomment>
        <translation>NEW-SYN-RECV</translation>
    </message>
    <message>
        <source>UNKNOWN</source>
        <translation>未知</translation>
    </message>
</context>
<context>
    <name>TimeSeriesChart</name>
    <message>
        <source>no sample at this time</source>
        <translation>该时刻无样本</translation>
    </message>
    <message>
        <source>Rename marker “%1”…</source>
        <translation>重命名标记“%1”…</translation>
    </message>
    <message>
        <source>Delete marker “%1”</source>
        <translation>删除标记“%1”</translation>
    </message>
    <message>
        <source>Show the whole window</source>
        <translation>显示整个窗口</translation>
    </message>
    <message numerus="yes">
        <source>… %n more</source>
        <translation>
            <numerusform>… 还有 %n 条</numerusform>
        </translation>
    </message>
    <message>
        <source>Zoomed in, not following new samples: double-click for the whole window</source>
        <translation>已放大，不再跟随新采样：双击显示整个时间窗口</translation>
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
    <message>
        <source>%1 (pid %2)</source>
        <translation>%1（pid %2）</translation>
    </message>
    <message>
        <source>%1 (pid %2, %3)</source>
        <translation>%1（pid %2，%3）</translation>
    </message>
    <message>
        <source>%1: %2 (%3)</source>
        <translation>%1：%2（%3）</translation>
    </message>
    <message>
        <source>other processes: %1</source>
        <translation>其他进程：%1</translation>
    </message>
    <message>
        <source>not attributed: %1</source>
        <translation>未归属：%1</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>ephemeral</source>
        <extracomment>The bar that sums the TIME-WAIT of every port inside ip_local_port_range</extracomment>
        <translation>ephemeral</translation>
    </message>
    <message>
        <source>Ports %1–%2 (ip_local_port_range), summed: connect() picks a local port from this range, so one such port says little. Reserved ports (ip_local_reserved_ports) and listening ports stay one by one.</source>
        <translation>端口 %1–%2（ip_local_port_range）之和：connect() 从这个范围选取本地端口，因此单个这样的端口说明不了什么。保留端口（ip_local_reserved_ports）和监听端口仍逐个列出。</translation>
    </message>
    <message>
        <source>Ports of ip_local_port_range, summed.</source>
        <translation>ip_local_port_range 内端口之和。</translation>
    </message>
    <message>
        <source>For remote ports this host's range stands for the peers', which is not known (Linux uses 32768–60999 by default, Windows 49152–65535): a peer's service port inside it is summed too.</source>
        <translation>对远端端口，用本机的范围代替对端的范围，后者无从得知（Linux 默认 32768–60999，Windows 为 49152–65535）：对端落在其中的服务端口也会被合并。</translation>
    </message>
    <message>
        <source>In the history: only the ports it tracks (the busiest) are kept, so this is the sum of the tracked ports inside the range, not of every port there.</source>
        <translation>在历史中：只保留它跟踪的端口（最繁忙的那些），所以这里是范围内被跟踪端口的合计，而不是范围内每个端口的合计。</translation>
    </message>
</context>
<context>
    <name>TimeWaitByProcessModel</name>
    <message>
        <source>Owners from all processes.</source>
        <translation>归属取自所有进程。</translation>
    </message>
    <message>
        <source>Owners from your own processes only: run as root (or the agent with sudo) to see every process.</source>
        <translation>归属仅取自你自己的进程：以 root 运行（或用 sudo 运行代理）才能看到所有进程。</translation>
    </message>
    <message>
        <source>other processes</source>
        <translation>其他进程</translation>
    </message>
    <message>
        <source>not attributed</source>
        <translation>未归属</translation>
    </message>
    <message>
        <source>%1 exact</source>
        <translation>%1 个确切</translation>
    </message>
    <message>
        <source>%1 via listener</source>
        <translation>%1 个经监听端口</translation>
    </message>
    <message>
        <source>%1 likely</source>
        <translation>%1 个可能</translation>
    </message>
    <message>
        <source>Process</source>
        <translation>进程</translation>
    </message>
    <message>
        <source>PID</source>
        <translation>PID</translation>
    </message>
    <message>
        <source>Unit</source>
        <extracomment>The systemd unit or container a process belongs to</extracomment>
        <translation>单元</translation>
    </message>
    <message>
        <source>TIME-WAIT</source>
        <translation>TIME-WAIT</translation>
    </message>
    <message>
        <source>Found</source>
        <extracomment>How TIME-WAIT entries were attributed to the process</extracomment>
        <translation>归属依据</translation>
    </message>
    <message>
        <source>%1 ×%2 processes</source>
        <extracomment>The processes holding one listening socket or with connections to one place: command(s) ×number of processes (always 2 or more)</extracomment>
        <translation>%1 ×%2 个进程</translation>
    </message>
    <message>
        <source>%1 by cgroup</source>
        <extracomment>TIME-WAIT entries whose socket was seen earlier, known only by its cgroup</extracomment>
        <translation>%1 个按 cgroup</translation>
    </message>
    <message>
        <source>%1 +%2</source>
        <extracomment>The first of the pids a row merges, then how many more ("3101 +11")</extracomment>
        <translation>%1 +%2</translation>
    </message>
    <message>
        <source>PIDs: %1</source>
        <translation>PID：%1</translation>
    </message>
    <message>
        <source>Entries of %1 processes of one command and unit, merged as the chart merges them. Which of them closed a given connection is not known for entries via listener or likely.</source>
        <translation>同一命令和单元的 %1 个进程的条目，按图表的方式合并。对于经监听端口或推测得到的条目，不知道是其中哪一个进程关闭了连接。</translation>
    </message>
    <message>
        <source>exact</source>
        <extracomment>Short words for how TIME-WAIT entries were attributed, shown in a narrow column</extracomment>
        <translation>确切</translation>
    </message>
    <message>
        <source>listener</source>
        <translation>监听端口</translation>
    </message>
    <message>
        <source>likely</source>
        <translation>可能</translation>
    </message>
    <message>
        <source>cgroup</source>
        <translation>cgroup</translation>
    </message>
    <message>
        <source>What do these mean?
A TIME-WAIT entry has no owner in the kernel: sockscope attributes it, and says how.
exact: the connection was seen held by this process before it closed.
via listener (listener): on a port whose listening socket these processes hold. The one that served and closed the connection may be another (systemd holds a socket-activated service's listener, the master of a pre-fork server its workers'), so no PID is named.
by cgroup (cgroup, cgroup only): the connection was seen, but only its cgroup (that of the process that created the listening socket, for an accepted connection).
likely (guess): a guess from its live connections to the same remote address and port.
likely, N unknown (likely, some unknown): the same guess, where N live connections of no known owner went too.
not attributed: none of these held.</source>
        <extracomment>The words of the Found column and of the tooltips of TIME-WAIT per port, explained (docs/owners.md)</extracomment>
        <translation>这些说法是什么意思？
TIME-WAIT 条目在内核中没有属主：sockscope 为它归属，并说明依据。
确切：该连接关闭前曾被采样到由此进程持有。
经监听端口（监听端口）：位于这些进程持有其监听套接字的端口上。处理并关闭该连接的可能是另一个进程（systemd 持有按套接字激活的服务的监听套接字，预派生服务器的主进程持有其工作进程的监听套接字），因此不给出 PID。
按 cgroup（cgroup、仅 cgroup）：曾采样到该连接，但只知道它的 cgroup（对于 accept 得到的连接，是创建监听套接字的进程的 cgroup）。
可能（推测）：根据它到相同远端地址和端口的活动连接所作的推测。
可能，N 个未知（可能，部分未知）：同样的推测，但该处另有 N 个属主未知的活动连接。
未归属：以上都不成立。</translation>
    </message>
    <message>
        <source>at least %1</source>
        <extracomment>A number of processes that is a floor: more were there than are counted ("at least 4,096")</extracomment>
        <translation>至少 %1</translation>
    </message>
    <message>
        <source>%1 likely (with %2 connections of unknown owner there)</source>
        <extracomment>TIME-WAIT entries guessed, with %2 live connections of no known owner to the same place</extracomment>
        <translation>%1 个可能（该处另有 %2 个属主未知的连接）</translation>
    </message>
</context>
<context>
    <name>WindowBanners</name>
    <message>
        <source>&lt;b&gt;Cannot read the socket table:&lt;/b&gt; %1</source>
        <translation>&lt;b&gt;无法读取套接字表：&lt;/b&gt;%1</translation>
    </message>
</context>
<context>
    <name>WindowCommand</name>
    <message>
        <source>The window cannot be smaller than its docks need: the picture is laid out at %1x%2, not %3x%4.</source>
        <translation>窗口不能小于其停靠面板所需的尺寸：图片按 %1x%2 布局，而不是 %3x%4。</translation>
    </message>
</context>
<context>
    <name>WindowProgram</name>
    <message>
        <source>Cannot start the window, %1: %2.</source>
        <translation>无法启动窗口 %1：%2。</translation>
    </message>
</context>
<context>
    <name>WindowStatus</name>
    <message>
        <source>Host %1</source>
        <translation>主机 %1</translation>
    </message>
    <message>
        <source>Host %1, kernel %2</source>
        <translation>主机 %1，内核 %2</translation>
    </message>
    <message>
        <source>Namespace not known yet</source>
        <translation>命名空间（尚未获知）</translation>
    </message>
    <message>
        <source>Namespace %1</source>
        <translation>命名空间 %1</translation>
    </message>
    <message>
        <source>Replay of %1</source>
        <translation>回放 %1</translation>
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
        <source>%1 — replay of %2 (%3) — sockscope</source>
        <translation>%1 — 回放 %2（%3）— sockscope</translation>
    </message>
    <message>
        <source>%1 (remote) — sockscope</source>
        <translation>%1（远程）— sockscope</translation>
    </message>
    <message>
        <source>%1 (remote), namespace %2 — sockscope</source>
        <translation>%1（远程），命名空间 %2 — sockscope</translation>
    </message>
    <message>
        <source>%1, namespace %2 — sockscope</source>
        <translation>%1，命名空间 %2 — sockscope</translation>
    </message>
    <message>
        <source>current</source>
        <translation>当前</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <extracomment>Short form of "Refresh %1 ms, skipped %2" for a narrow status bar</extracomment>
        <translation>%1 毫秒</translation>
    </message>
    <message>
        <source>Slab: exact</source>
        <extracomment>Short forms of "Slab: exact (slabinfo)" and "Slab: estimates (slabinfo needs root)"</extracomment>
        <translation>Slab：精确值</translation>
    </message>
    <message>
        <source>Slab: estimates</source>
        <translation>Slab：估算值</translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <extracomment>Short form of "Rows %1 of %2": rows shown / rows in all</extracomment>
        <translation>%1 / %2</translation>
    </message>
</context>
</TS>