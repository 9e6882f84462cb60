// What casting platforms publish about photos, as data for the five-second scan.
//
// Every entry comes from a page the platform publishes (`pages`), read on CHECKED. Each rule
// names its page, says whether the platform states it as a rule or offers it as advice
// (`kind`), and what happens to a photo that breaks it (`breach`). What is ours and not the
// platform's (a crop shape it never names) is marked `inferred`. Published rules change:
// the page shows the date and the links, never guarantees. Re-check every page before you
// change CHECKED. Not here (scan.html says why): Casting Frontier, whose photo rules we could
// not find published, and background-work agencies such as Casting Collective, which are not
// platforms for principal roles and often want plain snapshots rather than headshots.
//
// A platform: { id, name, pages: {key: {url, title}}, rules, crop, notes }
//   rules  [{ text, kind, breach, page, check }]; `check` is what the scan can measure
//          (formats, minWidth/minHeight, maxWidth/maxHeight, minBytes/maxBytes); a rule
//          without one is shown, never judged
//   crop   the thumbnail or display crop: { ratio (width / height), label, adjustable (you
//          place it as you upload), turns (a sideways photo gets the sideways shape),
//          inferred (the platform names no shape: ours), page, text }
//   notes  fees and how the site works: shown apart from any judgement of the photo

import { MB } from "./measure.js";

export const CHECKED = "2026-12-06";

/** Rule or advice: how the platform puts it. */
export const KINDS = { rule: "Rule", advice: "Advice" };

/** What happens to a photo that breaks it, as the platform's page says. */
export const BREACHES = {
  refused: "refused if broken",
  warning: "a warning if broken, then the upload goes ahead",
  cropped: "the site crops every photo",
  unstated: "its page does not say what happens if broken",
  none: "nothing stops the upload",
};

export const PLATFORMS = [
  {
    id: "actors-access",
    name: "Actors Access",
    pages: {
      photos: {
        url: "https://actorsaccess.freshdesk.com/support/solutions/articles/17000046444-actors-how-to-add-photos-to-your-profile-",
        title: "How to add photos",
      },
      fees: {
        url: "https://actorsaccess.freshdesk.com/support/solutions/articles/17000130972-actors-replacing-free-photos",
        title: "Replacing free photos",
      },
    },
    rules: [
      {
        text: "Its best size is 500 × 700 px: a size it recommends, not a minimum.",
        kind: "advice", breach: "none", page: "photos", check: { minWidth: 500, minHeight: 700 },
      },
    ],
    crop: {
      ratio: 5 / 7, label: "5:7", adjustable: true, inferred: true, page: "photos",
      text: "You set the thumbnail crop as you upload. The page names no shape; 5:7 is our reading of its 500 × 700 size.",
    },
    notes: [
      { text: "Two photos are free; each further photo costs $10.", page: "fees" },
    ],
  },
  {
    id: "backstage",
    name: "Backstage",
    pages: {
      locker: {
        url: "https://backstage.zendesk.com/hc/en-us/articles/115000425506-Media-Locker",
        title: "Media Locker help",
      },
    },
    rules: [
      {
        text: "Photos in JPEG, PNG or GIF.",
        kind: "rule", breach: "refused", page: "locker", check: { formats: ["JPEG", "PNG", "GIF"] },
      },
    ],
    crop: {
      ratio: 4 / 5, label: "4:5", adjustable: true, inferred: true, page: "locker",
      text: "You can crop and rotate a photo in the Media Locker. The page names no thumbnail shape; we show a 4:5 crop, the shape of an 8 x 10.",
    },
    notes: [],
  },
  {
    id: "casting-networks",
    name: "Casting Networks",
    pages: {
      media: {
        url: "https://support.castingnetworks.com/en/articles/11238209",
        title: "Managing media help",
      },
    },
    rules: [
      {
        text: "Photos in JPEG, PNG or GIF.",
        kind: "rule", breach: "refused", page: "media", check: { formats: ["JPEG", "PNG", "GIF"] },
      },
    ],
    crop: {
      ratio: 4 / 5, label: "4:5", adjustable: true, inferred: true, page: "media",
      text: "You can rotate, crop and zoom the thumbnail. The page names no shape; we show a 4:5 crop, the shape of an 8 x 10.",
    },
    notes: [
      { text: "The free tier holds two photos.", page: "media" },
    ],
  },
  {
    id: "spotlight",
    name: "Spotlight (UK)",
    pages: {
      photos: {
        url: "https://support.spotlight.com/en/articles/11814849",
        title: "Uploading photos help",
      },
      older: {
        url: "https://www.spotlight.com/artists/photoguidelines.asp",
        title: "older photo guidelines page",
      },
    },
    rules: [
      {
        text: "At least 500 × 500 px.",
        kind: "rule", breach: "warning", page: "photos", check: { minWidth: 500, minHeight: 500 },
      },
      {
        text: "A file of 1 MB to 40 MB.",
        kind: "rule", breach: "unstated", page: "photos", check: { minBytes: 1 * MB, maxBytes: 40 * MB },
      },
      {
        text: "No screenshots, and no copyright watermarks.",
        kind: "rule", breach: "refused", page: "photos",
      },
    ],
    crop: {
      ratio: 4 / 5, label: "10 x 8", adjustable: false, turns: true, page: "older",
      text: "Photos are shown cropped to 10 x 8, upright or sideways to match the photo. This comes from its older photo guidelines page, not the current help.",
    },
    notes: [
      { text: "The upload asks for your photographer's name, to credit them.", page: "photos" },
      { text: "Up to 15 photos in the gallery.", page: "photos" },
    ],
  },
  {
    id: "casting-workbook",
    name: "Casting Workbook",
    pages: {
      photos: {
        url: "https://help.castingworkbook.com/article/25-how-do-i-upload-photos",
        title: "Uploading photos help",
      },
    },
    rules: [
      {
        text: "Photos in JPEG or PNG.",
        kind: "rule", breach: "refused", page: "photos", check: { formats: ["JPEG", "PNG"] },
      },
      {
        text: "At most 6 MB, and at most 4000 × 4000 px.",
        kind: "rule", breach: "refused", page: "photos", check: { maxBytes: 6 * MB, maxWidth: 4000, maxHeight: 4000 },
      },
    ],
    crop: {
      ratio: 4 / 5, label: "8 x 10", adjustable: true, page: "photos",
      text: "Every photo is cropped to 8 x 10; the upload window lets you place the crop.",
    },
    notes: [],
  },
];
