// Numbers the questions a view asks (a count, a check) as they are asked, so that only the newest one's answer is
// shown, whatever order the answers arrive in: an older one arriving last would show what is no longer so.

/** Each call is a new question; the function it returns tells, once its answer is in, whether it is still the newest. */
export function newestOnly(): () => () => boolean {
  let asked = 0;
  return () => {
    const mine = ++asked;
    return () => mine === asked;
  };
}
