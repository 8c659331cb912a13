// Recognises a requester's reply that accepts a proposal: "akkoord", "ik ga akkoord", "accept",
// "I accept" (with punctuation or a short courtesy after it) on the first line. Anything longer or
// negated ("niet akkoord", "I do not accept") is left to a person.
const PHRASES = ['akkoord', 'ik ga akkoord', 'ik ben akkoord', 'accept', 'i accept', 'accepted', 'agreed'];
const COURTESY = /^(?:graag|hoor|dank\s*u(?:\s*wel)?|bedankt|thanks?(?:\s*you)?|please|go\s*ahead|met\s*de\s*offerte|with\s*the\s*proposal)?$/;

export function isAcceptReply(body: string | undefined): boolean {
  if (!body) return false;
  const first = body.split(/\r?\n/).map((line) => line.trim()).find((line) => line.length > 0) ?? '';
  if (first.length > 60) return false;
  const words = first.toLowerCase().normalize('NFKC').replace(/[^\p{L}\p{N}\s]+/gu, ' ').replace(/\s+/g, ' ').trim();
  for (const phrase of PHRASES) {
    if (words === phrase) return true;
    if (words.startsWith(`${phrase} `) && COURTESY.test(words.slice(phrase.length + 1).trim())) return true;
  }
  return false;
}
