# A fast stand-in for fluent-bit's syslog input that only counts: binds the socket as
# receiver.rb does, counts each datagram (optionally sleeping sleep_us after each, a slow
# receiver), prints "ready <max_dgram_qlen as this namespace has it>", then answers each
# line on stdin with "count <n>"; "quit" or EOF unlinks the socket and exits.
require "socket"

path, perm, chunk, sleep_us = ARGV[0], Integer(ARGV[1], 8), Integer(ARGV[2]), Float(ARGV[3])
socket = bind_like_fluent_bit(path, perm)
$stdout.sync = true
puts "ready #{File.read('/proc/sys/net/unix/max_dgram_qlen').strip}"

count = 0
buffer = String.new(capacity: chunk)
pause = sleep_us / 1_000_000.0
loop do
  readable, = IO.select([socket, $stdin])
  if readable.include?($stdin)
    line = $stdin.gets
    break if line.nil? || line.strip == "quit"
    puts "count #{count}"
  end
  next unless readable.include?(socket)
  # At most 1000 at a time, so a query on stdin is answered under a steady flood.
  1000.times do
    break if socket.recv_nonblock(chunk, 0, buffer, exception: false) == :wait_readable
    count += 1
    sleep(pause) if pause > 0
  end
end
File.unlink(path)
socket.close
