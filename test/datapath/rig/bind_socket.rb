# Prepended to receiver.rb and counter.rb (they run with ruby -e). Binds the unix datagram socket as fluent-bit's syslog input does in unix_udp mode
# (plugins/in_syslog/syslog_server.c): unlink a stale path, bind, chmod to Unix_Perm.
require "socket"

def bind_like_fluent_bit(path, perm)
  File.unlink(path) if File.exist?(path)
  socket = Socket.new(:UNIX, :DGRAM)
  socket.bind(Socket.sockaddr_un(path))
  File.chmod(perm, path)
  socket
end
