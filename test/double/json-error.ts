// nlohmann::json-style parse errors, as llama-server reports malformed bodies (HTTP 500, shared/llama-server f1,
// f8, f9). The common case, a body cut short, is reproduced exactly; other syntax errors approximately.

export function parseErrorMessage(body: string): string {
  if (body.trim() === "") {
    return "[json.exception.parse_error.101] parse error at line 1, column 1: attempting to parse an empty input; check that your input string or stream contains the expected JSON";
  }
  const stack: string[] = [];
  let inString = false;
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (inString) {
      if (c === "\\") i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === "{" || c === "[") stack.push(c);
    else if (c === "}" || c === "]") stack.pop();
  }
  const top = stack[stack.length - 1];
  if (top && !inString) {
    const what = top === "{" ? "object" : "array";
    const expected = top === "{" ? "}" : "]";
    return `[json.exception.parse_error.101] parse error at line 1, column ${body.length + 1}: syntax error while parsing ${what} - unexpected end of input; expected '${expected}'`;
  }
  let column = body.length + 1;
  try {
    JSON.parse(body);
  } catch (err) {
    const m = /position (\d+)/.exec(String(err));
    if (m) column = Number(m[1]) + 1;
  }
  const lastRead = body.slice(Math.max(0, column - 2), column).replace(/\n/g, "<LF>");
  return `[json.exception.parse_error.101] parse error at line 1, column ${column}: syntax error while parsing value - invalid literal; last read: '${lastRead}'`;
}
