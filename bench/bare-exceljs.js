// A bare exceljs read of a workbook (readFile + eachRow over the first sheet), timed from process start as the
// scorecard run is: prints "milliseconds cells". The reference for the XLSX figure of `npm run bench`.
import ExcelJS from 'exceljs';

const wb = new ExcelJS.Workbook();
await wb.xlsx.readFile(process.argv[2]);
let cells = 0;
wb.worksheets[0].eachRow((r) => { cells += r.cellCount; });
console.log(`${Math.round(performance.now())} ${cells}`);
