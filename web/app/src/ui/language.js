// The language the signed-in person reads the app in (settings.js), followed live: a choice made
// on one screen redraws every screen that uses this hook.
import { useLayoutEffect, useState } from "preact/hooks";

import { translator } from "../i18n.js";
import { LANGUAGE_CHANGED, currentLanguage } from "../settings.js";

/** [language code, t] for the person signed in on this device. */
export function useLanguage() {
  const [language, setLanguage] = useState(currentLanguage());
  // Subscribed as the screen is drawn, and read once more then: a change announced in the frame
  // before a plain effect would run (the profile's language coming down at start) is not missed.
  useLayoutEffect(() => {
    const follow = (event) => setLanguage(event?.detail || currentLanguage());
    window.addEventListener(LANGUAGE_CHANGED, follow);
    follow();
    return () => window.removeEventListener(LANGUAGE_CHANGED, follow);
  }, []);
  return [language, translator(language)];
}
