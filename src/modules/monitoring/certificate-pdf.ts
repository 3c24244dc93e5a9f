import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import type { CertificateContent } from './monitoring.types';

/**
 * The certificate as a PDF (A4): the student, the school, the company, the period, the units
 * and levels reached, and the verification code with its QR code (the verification link).
 */
export async function renderCertificatePdf(
  content: CertificateContent,
  code: string,
  verifyUrl: string,
  issuedOn: string,
): Promise<Buffer> {
  const qr = await QRCode.toBuffer(verifyUrl, {
    type: 'png',
    errorCorrectionLevel: 'M',
    margin: 1,
  });
  const doc = new PDFDocument({
    size: 'A4',
    margin: 56,
    info: { Title: `Sertifikat Magang ${code}`, Author: 'SMK Link' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  doc.font('Helvetica-Bold').fontSize(22).text('SERTIFIKAT MAGANG', { align: 'center' });
  doc.font('Helvetica').fontSize(11).text('Apprenticeship certificate', { align: 'center' });
  doc.moveDown(2);
  doc.fontSize(12).text('Diberikan kepada / awarded to');
  doc.font('Helvetica-Bold').fontSize(18).text(content.studentName);
  doc.font('Helvetica').fontSize(12).moveDown(0.5);
  doc.text(`Sekolah / school: ${content.schoolName}`);
  doc.text(`Perusahaan / company: ${content.companyName}`);
  doc.text(`Posisi / position: ${content.slotTitle}`);
  doc.text(`Periode / period: ${content.startDate} – ${content.endDate}`);
  doc.moveDown();
  doc.font('Helvetica-Bold').text('Unit kompetensi / competency units (level 1–5)');
  doc.font('Helvetica');
  for (const unit of content.units) {
    doc.text(`${unit.code}  ${unit.name}: level ${unit.level}`);
  }
  doc.moveDown(2);
  const y = doc.y;
  doc.image(qr, doc.page.margins.left, y, { width: 110 });
  doc
    .fontSize(10)
    .text(`Kode verifikasi / verification code: ${code}`, doc.page.margins.left + 130, y + 20)
    .text(verifyUrl, doc.page.margins.left + 130)
    .text(`Diterbitkan / issued: ${issuedOn}`, doc.page.margins.left + 130);
  doc.end();
  return done;
}
