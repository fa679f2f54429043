# fluent-bit's syslog input in unix_udp mode, as plugins/in_syslog/syslog_server.c does it:
# unlink the path, bind a datagram socket, chmod it to Unix_Perm, read each datagram into a
# buffer of Buffer_Chunk_Size (a longer one is truncated), unlink the path on exit.
# Each datagram goes to stdout as "D <base64> <1 if truncated>", so the test sees its bytes.
require "socket"

path, perm, chunk = ARGV[0], Integer(ARGV[1], 8), Integer(ARGV[2])
socket = bind_like_fluent_bit(path, perm)
$stdout.sync = true
puts "ready"

stopping = false
Signal.trap("TERM") { stopping = true }
until stopping
  next unless IO.select([socket], nil, nil, 0.05)
  loop do
    datagram, _, flags = socket.recvmsg_nonblock(chunk, exception: false)
    break if datagram == :wait_readable
    truncated = (flags & Socket::MSG_TRUNC).zero? ? 0 : 1
    $stdout.write("D #{[datagram].pack('m0')} #{truncated}\n")
  end
end
File.unlink(path)
socket.close
