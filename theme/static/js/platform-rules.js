// What casting platforms publish about photos, as data for the five-second scan.
//
// Source: each platform's own help page (`url`), checked on CHECKED; Casting
// Collective's rules come from the team's CASTING_FACTS.md (no help page found).
// Published rules change: the page shows them with that date and the link, and
// never as guarantees. Update CHECKED whenever a rule here is re-checked.
//
// Fields (all optional except id, name, url, summary):
//   formats         accepted file formats (as measure.fileFormat() names them)
//   minWidth/minHeight  smallest size in px; minStrict: a hard rule (fail) or advice (check)
//   maxWidth/maxHeight  largest size in px
//   minBytes/maxBytes   file size limits; goodBytes: below it quality is likely judged poor
//   crop            the ratio the platform crops to ("8 x 10"), compared with the photo
//   ratio           the shape of its thumbnail crop (width / height), drawn over the photo and
//                   checked against the face the scan found ("4:5", "5:7": ratioLabel)
//   cropAdjustable  the thumbnail is cropped from the frame (landscape frames lose most)
//   portraitOnly, colourOnly
//   manual          what the scan cannot check, shown as notes

import { KB, MB } from "./measure.js";

export const CHECKED = "2026-12-04";

export const PLATFORMS = [
  {
    id: "actors-access",
    name: "Actors Access",
    url: "https://actorsaccess.freshdesk.com/support/solutions/articles/17000046444-actors-how-to-add-photos-to-your-profile-",
    summary: "Upload at 500 x 700 px or larger: the shape it prefers is 5:7, a little taller than 4:5. You pick the thumbnail crop as you upload. The first two photos are free; each one after that costs a fee.",
    minWidth: 500, minHeight: 700, minStrict: false,
    cropAdjustable: true, ratio: 5 / 7, ratioLabel: "5:7",
    manual: ["Two photos are free; each further photo has a fee."],
  },
  {
    id: "backstage",
    name: "Backstage",
    url: "https://backstage.zendesk.com/hc/en-us/articles/115000425506-Media-Locker",
    summary: "Takes JPEG, PNG and GIF. Casting sees your primary photo first, as one thumbnail among a dozen or more on a page, sometimes cropped tighter; Backstage suggests thumbnails 640 px wide or more.",
    formats: ["JPEG", "PNG", "GIF"],
    minWidth: 640, minStrict: false,
    cropAdjustable: true, ratio: 4 / 5, ratioLabel: "4:5",
  },
  {
    id: "casting-networks",
    name: "Casting Networks",
    url: "https://support.castingnetworks.com/en/articles/11238209",
    summary: "Takes JPEG, PNG and GIF, and two photos on the free tier. You can crop and zoom the thumbnail yourself.",
    formats: ["JPEG", "PNG", "GIF"],
    cropAdjustable: true, ratio: 4 / 5, ratioLabel: "4:5",
    manual: ["Two photos on the free tier."],
  },
  {
    id: "spotlight",
    name: "Spotlight (UK)",
    url: "https://support.spotlight.com/en/articles/11814849",
    summary: "At least 500 x 500 px, in a file of 1 MB to 40 MB. Shown cropped to an upright 4:5, which UK usage calls 10 x 8 (the same shape as 8 x 10). Color or black and white; no screenshots or watermarks, and the photographer must be credited.",
    minWidth: 500, minHeight: 500, minStrict: true,
    minBytes: 1 * MB, maxBytes: 40 * MB,
    crop: "10 x 8 (an upright 4:5)", ratio: 4 / 5, ratioLabel: "4:5",
    manual: ["No screenshots or watermarks.", "Credit your photographer."],
  },
  {
    id: "casting-workbook",
    name: "Casting Workbook",
    url: "https://help.castingworkbook.com/article/25-how-do-i-upload-photos",
    summary: "JPEG or PNG, no more than 6 MB or 4000 px on either side. Shown cropped to 8 x 10 (4:5).",
    formats: ["JPEG", "PNG"],
    maxWidth: 4000, maxHeight: 4000,
    maxBytes: 6 * MB,
    crop: "8 x 10", ratio: 4 / 5, ratioLabel: "4:5",
  },
  {
    id: "casting-collective",
    name: "Casting Collective (UK, background)",
    url: "https://www.castingcollective.co.uk/",
    summary: "Upright color photos only. The file must be over 100 KB, and one under 500 KB is likely to be judged too low in quality.",
    colourOnly: true, portraitOnly: true,
    minBytes: 100 * KB, goodBytes: 500 * KB,
  },
];
