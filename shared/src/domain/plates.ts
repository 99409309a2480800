/** Current Québec passenger plate series: letter, 2 digits, space, 3 letters (`A12 BCD`). */
const passengerPlate = /^[A-Z]\d{2} [A-Z]{3}$/;
/** Dealer plates: `X` then 5 digits (`X01234`). */
const dealerPlate = /^X\d{5}$/;

/** True for a passenger plate number in the current series, e.g. `A12 BCD`. */
export function isPassengerPlate(plate: string): boolean {
  return passengerPlate.test(plate);
}

/** True for a removable dealer plate number, e.g. `X01234`. */
export function isDealerPlate(plate: string): boolean {
  return dealerPlate.test(plate);
}

/** Upper-cases and puts the one space where a passenger plate has it (`a12bcd` -> `A12 BCD`). */
export function normalizePlate(plate: string): string {
  const compact = plate.replace(/[\s-]+/g, '').toUpperCase();
  return /^[A-Z]\d{2}[A-Z]{3}$/.test(compact)
    ? `${compact.slice(0, 3)} ${compact.slice(3)}`
    : compact;
}
