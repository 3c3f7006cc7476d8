/// The items of a comma-separated flag value (`--blacklist.hotkeys a,b`), trimmed, empty ones dropped.
func commaList(_ text: String) -> [String] {
    text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
}
