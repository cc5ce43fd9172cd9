// The language pages are translated into: the one the settings name, else the browser's own.
import { ext } from "../extension/api";
import { effectiveTargetLang, type Settings } from "../shared/settings";

export function uiLanguage(): string {
  return ext.i18n.getUILanguage();
}

export function targetLangOf(settings: Settings): string {
  return effectiveTargetLang(settings, uiLanguage());
}
