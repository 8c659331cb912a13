// The stop-word lists of the `stopword` package (it ships no types): the function words of each
// language, by ISO 639-3 code, which `inscope tune` never proposes as cue words.
declare module 'stopword' {
  export const eng: readonly string[];
  export const nld: readonly string[];
}
