// Single-page sites (new Reddit) change the address without loading a page. Calls `onChange` after each such
// navigation, so auto-translate rules can be checked again. `rewritten`: the site replaced the address in place
// (history.replaceState, as the Navigation API tells), which is no visit: Discourse writes the post scrolled to into
// the address as the reader scrolls. Where the API is missing, every change counts as a visit.
export function watchNavigation(win: Window, onChange: (url: string, rewritten: boolean) => void): () => void {
  let last = win.location.href;
  /** How the navigation under way changes the address: told by the Navigation API's `navigate` event. */
  let replacing = false;
  const check = () => {
    if (win.location.href === last) return;
    last = win.location.href;
    onChange(last, replacing);
  };
  const navigate = (event: Event) => {
    replacing = (event as Event & { navigationType?: string }).navigationType === "replace";
  };
  const navigation = (win as Window & { navigation?: EventTarget }).navigation;
  let timer: ReturnType<typeof setInterval> | undefined;
  // The Navigation API sees pushState from the page's world; without it, poll (cheap: one string compare).
  if (navigation) {
    navigation.addEventListener("navigate", navigate);
    navigation.addEventListener("navigatesuccess", check);
  } else timer = setInterval(check, 1000);
  win.addEventListener("popstate", check);
  return () => {
    navigation?.removeEventListener("navigate", navigate);
    navigation?.removeEventListener("navigatesuccess", check);
    clearInterval(timer);
    win.removeEventListener("popstate", check);
  };
}
