-- AlterTable
ALTER TABLE "DigestDelivery" ADD COLUMN     "indicators" JSONB;
