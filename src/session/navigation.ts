// Single-page sites (new Reddit) change the address without loading a page. Calls `onChange` after each such
// navigation, so auto-translate rules can be checked again.
export function watchNavigation(win: Window, onChange: (url: string) => void): () => void {
  let last = win.location.href;
  const check = () => {
    if (win.location.href === last) return;
    last = win.location.href;
    onChange(last);
  };
  const navigation = (win as Window & { navigation?: EventTarget }).navigation;
  let timer: ReturnType<typeof setInterval> | undefined;
  // The Navigation API sees pushState from the page's world; without it, poll (cheap: one string compare).
  if (navigation) navigation.addEventListener("navigatesuccess", check);
  else timer = setInterval(check, 1000);
  win.addEventListener("popstate", check);
  return () => {
    navigation?.removeEventListener("navigatesuccess", check);
    clearInterval(timer);
    win.removeEventListener("popstate", check);
  };
}
