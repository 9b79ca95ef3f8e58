import { HGNC_ID } from '../codes.ts';
import { hgvsProblem, hgvsType } from '../hgvs.ts';
import { variantInheritances, type Variant } from '../record-sections.contract.ts';
import { acmgFromName, acmgName, interpretationStatusFromName, interpretationStatusName } from './enums.ts';
import { compact } from './json.ts';
import { noteUnsupported, termOf, type ImportNotes } from './import-notes.ts';
import type { GenomicInterpretationInput } from './phenopacket-schema.ts';

type VcfInput = NonNullable<NonNullable<GenomicInterpretationInput['variantInterpretation']>['variationDescriptor']['vcfRecord']>;

function vcfFromPhenopacket(vcf: VcfInput, path: string, notes: ImportNotes): Variant['vcf'] {
  const missing = (['genomeAssembly', 'chrom', 'pos', 'ref', 'alt'] as const).filter((f) => vcf[f] === undefined || vcf[f] === '');
  if (missing.length > 0) {
    notes.problems.push({ path, message: `a VCF record needs ${missing.join(', ')}` });
    return undefined;
  }
  return compact({ genomeAssembly: vcf.genomeAssembly!, chrom: vcf.chrom!, pos: Number(vcf.pos), ref: vcf.ref!, alt: vcf.alt!, id: vcf.id, qual: vcf.qual, filter: vcf.filter, info: vcf.info });
}

/**
 * One genomic interpretation's variant as a record item: HGVS expressions (syntax-checked), or a
 * structural type for variants that have none, zygosity, ACMG class and the VCF record. Undefined when
 * the descriptor holds nothing the record can describe a variant by (noted, not a failure).
 */
export function variantFromPhenopacket(interpretation: GenomicInterpretationInput, path: string, notes: ImportNotes, id: string): Variant | undefined {
  const call = interpretation.variantInterpretation!;
  const descriptor = call.variationDescriptor;
  const at = `${path}.variantInterpretation.variationDescriptor`;
  const hgvs: string[] = [];
  descriptor.expressions?.forEach((expression, i) => {
    if (!expression.syntax.toLowerCase().startsWith('hgvs')) {
      notes.notImported.push({ path: `${at}.expressions.${i}`, message: `not imported: ${expression.syntax} expressions (the record keeps HGVS)` });
      return;
    }
    const problem = hgvsProblem(expression.value.trim());
    if (problem) notes.problems.push({ path: `${at}.expressions.${i}.value`, message: problem });
    else hgvs.push(expression.value.trim());
  });
  const gene = descriptor.geneContext;
  if (gene?.valueId !== undefined && !HGNC_ID.test(gene.valueId)) notes.notImported.push({ path: `${at}.geneContext.valueId`, message: `not imported: ${gene.valueId} (the record keeps HGNC ids)` });
  const inheritance = descriptor.extensions?.find((e) => e.name === 'inheritance')?.value;
  const knownInheritance = variantInheritances.find((i) => i === inheritance);
  descriptor.extensions?.forEach((e, i) => {
    if (e.name !== 'inheritance' || knownInheritance === undefined) notes.notImported.push({ path: `${at}.extensions.${i}`, message: `not imported: the extension "${e.name}"` });
  });
  noteUnsupported(notes, at, descriptor, ['variation', 'xrefs', 'alternateLabels', 'vrsRefAlleleSeq'], 'not imported: the record keeps HGVS, structural type and VCF, not this');
  if (call.therapeuticActionability !== undefined && call.therapeuticActionability !== 'UNKNOWN_ACTIONABILITY') {
    notes.notImported.push({ path: `${path}.variantInterpretation.therapeuticActionability`, message: 'not imported: the record has no therapeutic actionability' });
  }
  const vcf = descriptor.vcfRecord && vcfFromPhenopacket(descriptor.vcfRecord, `${at}.vcfRecord`, notes);
  if (hgvs.length === 0 && descriptor.structuralType === undefined && vcf === undefined) {
    if (!descriptor.expressions?.some((e) => e.syntax.toLowerCase().startsWith('hgvs'))) {
      notes.notImported.push({ path: at, message: 'not imported: this variant has no HGVS expression, structural type or VCF record to describe it by' });
    }
    return undefined;
  }
  // compact() drops empty arrays; a variant always has its (possibly empty) list of HGVS expressions
  return {
    ...compact({
      id,
      gene: gene && compact({ symbol: gene.symbol, hgncId: gene.valueId !== undefined && HGNC_ID.test(gene.valueId) ? gene.valueId : undefined }),
      label: descriptor.label,
      structuralType: descriptor.structuralType && termOf(descriptor.structuralType),
      moleculeContext: descriptor.moleculeContext === 'unspecified_molecule_context' ? undefined : descriptor.moleculeContext,
      zygosity: descriptor.allelicState && termOf(descriptor.allelicState),
      inheritance: knownInheritance,
      classification: call.acmgPathogenicityClassification && acmgFromName[call.acmgPathogenicityClassification],
      interpretationStatus: interpretation.interpretationStatus && interpretationStatusFromName[interpretation.interpretationStatus],
      vcf,
      note: descriptor.description,
    }),
    hgvs,
  };
}

/** A record variant as a phenopacket GenomicInterpretation of the subject (inheritance as an extension). */
export function variantToPhenopacket(variant: Variant, subjectId: string) {
  return {
    subjectOrBiosampleId: subjectId,
    interpretationStatus: variant.interpretationStatus ? interpretationStatusName[variant.interpretationStatus] : 'UNKNOWN_STATUS',
    variantInterpretation: compact({
      acmgPathogenicityClassification: variant.classification ? acmgName[variant.classification] : 'NOT_PROVIDED',
      variationDescriptor: compact({
        id: variant.id,
        label: variant.label,
        description: variant.note,
        geneContext: variant.gene && compact({ valueId: variant.gene.hgncId, symbol: variant.gene.symbol }),
        expressions: variant.hgvs.map((value) => ({ syntax: `hgvs.${hgvsType(value) ?? 'c'}`, value })),
        vcfRecord: variant.vcf,
        extensions: variant.inheritance ? [{ name: 'inheritance', value: variant.inheritance }] : undefined,
        moleculeContext: variant.moleculeContext,
        structuralType: variant.structuralType,
        allelicState: variant.zygosity,
      }),
    }),
  };
}
