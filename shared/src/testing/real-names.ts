/**
 * Real names and places a Québec dealer writes on a paper, from many origins: every one must be
 * accepted by the schemas and printed letter for letter (the printable set, the document fonts).
 */
export const realNames = [
  // Québécois
  'Élise Bélanger-Côté',
  'François Lévesque',
  'Gaëtan Ouellet',
  'Hélène Saint-Hilaire',
  'Jean-Sébastien D’Amours',
  'Marie-Ève Tremblay-Gagnon',
  'Trois-Rivières',
  "L'Île-Perrot",
  // Vietnamese
  'Nguyễn Thị Minh Khai',
  'Trần Hưng Đạo',
  'Phạm Quỳnh Anh',
  'Lê Văn Thiêm',
  'Huỳnh Tấn Phát',
  // Polish
  'Małgorzata Wójcik',
  'Grzegorz Brzęczyszczykiewicz',
  'Łukasz Żółć',
  // Turkish
  'Şükrü Gündoğdu',
  'İsmail Çağlar',
  'Ayşe Işık',
  // Icelandic
  'Þórunn Guðmundsdóttir',
  'Jón Ævarsson',
  // Irish
  "Siobhán O'Connor",
  'Seán Ó Briain',
  'Máire Ní Dhomhnaill',
  'Pádraig O’Brien',
  // Others of the set: Romanian (Latin Extended-B), Czech, German, Spanish, Danish
  'Ștefan Țiriac',
  'Antonín Dvořák',
  'Jürgen Müller-Lüdenscheidt',
  'Iñaki Núñez',
  'Søren Kierkegaard',
  // Punctuation people type in names and lines
  '1234, rue Saint-Denis, app. 5 – arrière',
  '« Garage » “Chez Ti-Jean” — 12,50 €',
];
