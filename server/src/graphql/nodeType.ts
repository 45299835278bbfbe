// Which object type a stored node is: episodes are the records that have a source paper.
export function nodeTypeName(node: object): 'Episode' | 'Paper' {
  return 'sourcePaperId' in node ? 'Episode' : 'Paper';
}
