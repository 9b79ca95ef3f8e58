import { describe, expect, it } from 'vitest';
import { contentDisposition, sanitiseFileName } from './file-name.ts';

describe('file names', () => {
  it('keeps an ordinary name as it is, accents included', () => {
    expect(sanitiseFileName('Befund Müller 2024.pdf', 'application/pdf')).toBe('Befund Müller 2024.pdf');
    expect(sanitiseFileName('photo.JPEG', 'image/jpeg')).toBe('photo.JPEG');
  });

  it('keeps only the last path segment and drops control, reserved and direction-changing characters', () => {
    expect(sanitiseFileName('C:\\Users\\x\\..\\scan.pdf', 'application/pdf')).toBe('scan.pdf');
    expect(sanitiseFileName('../../etc/passwd', 'text/x-vcf')).toBe('passwd.vcf');
    expect(sanitiseFileName('a\u0000b\r\nc<>:"|?*.pdf', 'application/pdf')).toBe('a_b__c_______.pdf');
    expect(sanitiseFileName('invoice\u202Efdp.exe', 'application/pdf')).toBe('invoice_fdp.exe.pdf');
  });

  it('gives the file the extension of its sniffed content, so it cannot be opened as something else', () => {
    expect(sanitiseFileName('letter.html', 'application/pdf')).toBe('letter.html.pdf');
    expect(sanitiseFileName('scan', 'image/png')).toBe('scan.png');
    expect(sanitiseFileName('.htaccess', 'image/png')).toBe('htaccess.png');
    expect(sanitiseFileName('', 'image/tiff')).toBe('attachment.tif');
    expect(sanitiseFileName(undefined, 'image/webp')).toBe('attachment.webp');
    expect(sanitiseFileName('trailing dots. . .', 'application/pdf')).toBe('trailing dots.pdf');
  });

  it('bounds the length but keeps the extension', () => {
    const name = sanitiseFileName(`${'x'.repeat(400)}.pdf`, 'application/pdf');
    expect(name.length).toBe(150);
    expect(name.endsWith('.pdf')).toBe(true);
  });

  it('offers the name as a download that cannot break out of the header', () => {
    expect(contentDisposition('Zoë "quoted" 100%.pdf')).toBe(`attachment; filename="Zo_ _quoted_ 100_.pdf"; filename*=UTF-8''Zo%C3%AB%20%22quoted%22%20100%25.pdf`);
    expect(contentDisposition("it's (1).pdf")).toBe(`attachment; filename="it's (1).pdf"; filename*=UTF-8''it%27s%20%281%29.pdf`);
  });
});
