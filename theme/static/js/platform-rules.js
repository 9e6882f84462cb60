// What casting platforms publish about photos, as data for the five-second scan.
//
// Source: the team's CASTING_FACTS.md table. Published rules change: the page
// shows them with the date they were checked and a link to each platform, and
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

export const CHECKED = "2026-11-20";

export const PLATFORMS = [
  {
    id: "actors-access",
    name: "Actors Access",
    url: "https://actorsaccess.com/",
    summary: "Best uploaded at 500 x 700 px (5:7); you choose a thumbnail crop when you upload. Two photos are free, then each one costs a fee.",
    minWidth: 500, minHeight: 700, minStrict: false,
    cropAdjustable: true, ratio: 5 / 7, ratioLabel: "5:7",
    manual: ["Two photos are free; each further photo has a fee."],
  },
  {
    id: "backstage",
    name: "Backstage",
    url: "https://www.backstage.com/",
    summary: "JPEG, PNG or GIF. Your primary photo is the one casting sees first. Its advice: thumbnails at least 640 px wide. A page shows a dozen or more thumbnails, often cropped further.",
    formats: ["JPEG", "PNG", "GIF"],
    minWidth: 640, minStrict: false,
    cropAdjustable: true, ratio: 4 / 5, ratioLabel: "4:5",
  },
  {
    id: "casting-networks",
    name: "Casting Networks",
    url: "https://www.castingnetworks.com/",
    summary: "JPEG, PNG or GIF. Two photos on the free tier. The thumbnail can be cropped and zoomed.",
    formats: ["JPEG", "PNG", "GIF"],
    cropAdjustable: true, ratio: 4 / 5, ratioLabel: "4:5",
    manual: ["Two photos on the free tier."],
  },
  {
    id: "spotlight",
    name: "Spotlight (UK)",
    url: "https://www.spotlight.com/",
    summary: "At least 500 x 500 px and between 1 MB and 40 MB, cropped to 10 x 8. Colour or black and white. No screenshots or watermarks; the photographer must be credited.",
    minWidth: 500, minHeight: 500, minStrict: true,
    minBytes: 1 * MB, maxBytes: 40 * MB,
    crop: "10 x 8", ratio: 4 / 5, ratioLabel: "4:5",
    manual: ["No screenshots or watermarks.", "Credit your photographer."],
  },
  {
    id: "casting-workbook",
    name: "Casting Workbook",
    url: "https://castingworkbook.com/",
    summary: "JPEG or PNG, at most 6 MB and 4000 x 4000 px, cropped to 8 x 10.",
    formats: ["JPEG", "PNG"],
    maxWidth: 4000, maxHeight: 4000,
    maxBytes: 6 * MB,
    crop: "8 x 10", ratio: 4 / 5, ratioLabel: "4:5",
  },
  {
    id: "casting-collective",
    name: "Casting Collective (UK, background)",
    url: "https://www.castingcollective.co.uk/",
    summary: "Colour and portrait orientation only. Over 100 KB; under 500 KB is likely to be too low in quality.",
    colourOnly: true, portraitOnly: true,
    minBytes: 100 * KB, goodBytes: 500 * KB,
  },
];
