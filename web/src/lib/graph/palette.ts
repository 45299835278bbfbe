// Okabe–Ito colours, told apart with the common colour blindnesses: the topic colours of the paper
// graph and the cluster colours of the map both start with these six.
export const OKABE_ITO = [
  '#0072b2',
  '#e69f00',
  '#009e73',
  '#cc79a7',
  '#56b4e9',
  '#d55e00',
] as const;
