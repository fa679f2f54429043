# fluent-bit's regex parser on each datagram, with Onigmo (Ruby's engine, fluent-bit's too),
# then JSON.parse of the message capture as Decode_Field json does. Reads base64 lines,
# writes one JSON result per line.
require "json"

regex = Regexp.new(ARGV[0])
$stdin.each_line do |line|
  text = line.chomp.unpack1("m0").force_encoding(Encoding::UTF_8)
  next puts({ matched: false, error: "not UTF-8" }.to_json) unless text.valid_encoding?
  match = regex.match(text)
  next puts({ matched: false }.to_json) unless match
  message = match[:message]
  begin
    record = JSON.parse(message)
    puts({ matched: true, captures: match.names, message: message, record: record }.to_json)
  rescue JSON::ParserError => error
    puts({ matched: true, captures: match.names, message: message, error: error.message }.to_json)
  end
end
