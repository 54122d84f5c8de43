// A screen's data read from this device's databases, and read again whenever replication (or
// this device) changes one of them: the screens update as crew answer, without a reload.
import { useEffect, useState } from "preact/hooks";

const RELOAD_DELAY_MS = 100; // a burst of replicated changes is read once

/** {data, error}: `load()` now, and again after every change to one of `dbs` (PouchDB databases,
 *  null for one this device does not hold yet). `key` changes when `load` reads something else
 *  (another project, another day). */
export function useLiveRead(dbs, load, key) {
  const [data, setData] = useState(null);
  const [error, setError] = useState("");
  useEffect(() => {
    let timer = null;
    let stopped = false;
    const read = () => {
      clearTimeout(timer);
      timer = setTimeout(() => load().then((next) => !stopped && setData(next),
        (failure) => !stopped && setError(failure.message || String(failure))), RELOAD_DELAY_MS);
    };
    read();
    const feeds = dbs.filter(Boolean).map((db) => db.changes({ live: true, since: "now" }).on("change", read));
    return () => {
      stopped = true;
      clearTimeout(timer);
      feeds.forEach((feed) => feed.cancel());
    };
  }, [key, ...dbs]);
  return { data, error };
}
