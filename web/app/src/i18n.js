// What cast and crew read, in their language: English (en), Nigerian Pidgin (pcm), Yoruba (yo),
// Igbo (ig) and Hausa (ha), the bots' five (bots/i18n.py).
//
// English is the source, written where it is shown as t("English {field}", { field }); `make
// catalogs` extracts those calls (web/app/babel.cfg) into web/app/locale/webapp.pot, translators
// fill web/app/locale/<language>/LC_MESSAGES/webapp.po, and the build puts every current
// translation into the bundle (WEBAPP_CATALOGS, from web/app/compile_catalogs.mjs): a few
// kilobytes, there offline from the first load. Text with no current translation shows in English.
//
// The core's refusals are the bots' catalog (bots/locale/<language>/LC_MESSAGES/refusals.po):
// some 570 sentences, 16 to 20 kB compressed per language, for the rare screen that shows one.
// So each language is a module of its own (REFUSAL_CATALOGS names them), not precached: it is
// fetched the first time a refusal is shown in that language (a refusal only arrives with the
// network), and the service worker keeps it from then on. Until it is here, or for a refusal it
// does not know, the core's English reason shows behind a translated "Refused".
/* global WEBAPP_CATALOGS, REFUSAL_CATALOGS */

export const SOURCE_LANGUAGE = "en";
const FIELD = /\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

const translators = new Map();
const refusalCatalogs = new Map(); // language -> {english template: translation}
const refusalLoads = new Map(); // language -> the import under way

/** `template` with each {field} of `params` filled in; a field without a value stays as written,
 *  and no params leave the text as it is (as core.errors.fill does). */
export function fill(template, params) {
  if (!params) {
    return template;
  }
  return template.replace(FIELD, (whole, name) => (Object.hasOwn(params, name) ? String(params[name]) : whole));
}

/** t(english, params) for `language`: the translation when the catalog has a current one. */
export function translator(language) {
  if (!translators.has(language)) {
    const catalog = WEBAPP_CATALOGS[language] || {};
    translators.set(language, (english, params) => fill(catalog[english] || english, params));
  }
  return translators.get(language);
}

/** Whether `language`'s refusals must be fetched before they can be said in it. */
export function refusalsPending(language) {
  return language !== SOURCE_LANGUAGE && Boolean(REFUSAL_CATALOGS[language]) && !refusalCatalogs.has(language);
}

/** Fetch `language`'s refusals once; resolves true when they are here. Offline with the module
 *  never fetched, resolves false: the English reason stands. */
export function loadRefusals(language) {
  if (!refusalsPending(language)) {
    return Promise.resolve(refusalCatalogs.has(language));
  }
  if (!refusalLoads.has(language)) {
    const load = import(REFUSAL_CATALOGS[language]).then(
      (module) => {
        refusalCatalogs.set(language, module.default);
        return true;
      },
      (error) => {
        console.warn("nollycrew: the refusals in this language could not be fetched", language, error);
        refusalLoads.delete(language); // the next refusal shown tries again
        return false;
      },
    );
    refusalLoads.set(language, load);
  }
  return refusalLoads.get(language);
}

/** A request's refusal in `language`: the core's outcome ({reason, reason_template,
 *  reason_params}) translated when the catalog is here and knows it, else its English reason. */
export function refusalText(outcome, language) {
  const english = outcome?.reason || "";
  const catalog = refusalCatalogs.get(language);
  const template = outcome?.reason_template;
  if (!catalog || !template || !catalog[template]) {
    return english;
  }
  return fill(catalog[template], outcome.reason_params && Object.keys(outcome.reason_params).length
    ? outcome.reason_params : null);
}
