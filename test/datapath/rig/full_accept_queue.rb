# Envoy listening but never accepting: a listener of backlog 0 whose one queued connection (the
# filler's) fills its accept queue. Linux then drops every further SYN (tcp_conn_request in
# net/ipv4/tcp_input.c: sk_acceptq_is_full -> LISTENOVERFLOWS, drop), so a connect() to the
# port neither succeeds nor is refused: the client retransmits its SYN until its own timeout.
require "socket"

port = Integer(ARGV.fetch(0))
listener = Socket.new(:INET, :STREAM)
listener.setsockopt(:SOCKET, :REUSEADDR, true)
listener.bind(Addrinfo.tcp("127.0.0.1", port))
listener.listen(0)
filler = Socket.tcp("127.0.0.1", port)
puts "listening, accept queue full"
$stdout.flush
sleep
