<?php
/*
 * XLite\Controller\Customer\Checkout (classes/XLite/Controller/Customer/Checkout.php): the end of a
 * checkout, from processSucceed() :594 on, in the real order of calls:
 *
 *   1. $cart->processSucceed()          the cart becomes an order (Order::processSucceed())
 *   2. processCartProfile()             :641
 *        guest who asked for an account (session order_create_profile): saveAnonymousProfile()
 *          clones the order's profile as a registered one and makes it the orig_profile,
 *          loginAnonymousProfile(), sets its password — no flush;
 *        other guest: mergeAnonymousProfile() — the anonymous account of that e-mail, or a new
 *          anonymous clone, as orig_profile — flush;
 *        registered customer: cloneProfile() — the order gets a copy, orig_profile is the
 *          account — flush;
 *   3. session cleanup, every address of both profiles marked not "work"
 *   4. the final flush.
 * Cart::tryClose() (classes/XLite/Model/Cart.php:322, a payment gateway's callback) runs the same
 * through a new Checkout controller.
 */
declare(strict_types=1);

namespace XLite\Controller\Customer;

class Checkout extends \XLite\Controller\Customer\Cart
{
    public function processSucceed($fullProcess = true)
    {
        $cart = $this->getCart();
        if ($fullProcess) {
            $cart->processSucceed();
        }
        $this->processCartProfile($fullProcess);

        \XLite\Core\Session::getInstance()->last_order_id = $cart->getOrderId();
        \XLite\Core\Session::getInstance()->unsetBatch('order_id', 'order_create_profile', 'saveShippingAsNew',
            'createProfilePassword', 'lastLoginUnique');

        if ($cart->getOrigProfile()) {
            foreach ($cart->getOrigProfile()->getAddresses() as $address) {
                $address->setIsWork(false);
            }
        }
        if ($cart->getProfile()) {
            foreach ($cart->getProfile()->getAddresses() as $address) {
                $address->setIsWork(false);
            }
        }
        \XLite\Core\Database::getEM()->flush();
    }

    public function isAnonymous()
    {
        $cart = $this->getCart();

        return !$cart->getProfile() || $cart->getProfile()->getAnonymous();
    }

    protected function processCartProfile($doCloneProfile)
    {
        $isAnonymous = $this->isAnonymous();
        if ($isAnonymous) {
            if (\XLite\Core\Session::getInstance()->order_create_profile) {
                $this->saveAnonymousProfile();
                $this->loginAnonymousProfile();
                $this->getCart()->getOrigProfile()->setPassword(
                    \XLite\Core\Auth::encryptPassword(\XLite\Core\Session::getInstance()->createProfilePassword)
                );
                $isAnonymous = false;
            } elseif ($doCloneProfile) {
                $this->mergeAnonymousProfile();
            }
        } elseif ($doCloneProfile) {
            $this->cloneProfile();
            $isAnonymous = false;
        }

        return $isAnonymous;
    }

    protected function saveAnonymousProfile()
    {
        $cart = $this->getCart();
        $profile = $cart->getProfile()->cloneEntity();
        $profile->setAnonymous(false);
        $profile->setOrder(null);
        $cart->setOrigProfile($profile);
        $this->sendCreateProfileNotifications();
    }

    protected function mergeAnonymousProfile()
    {
        $cart = $this->getCart();
        $profile = \XLite\Core\Database::getRepo('XLite\Model\Profile')->findOneAnonymousByProfile($cart->getProfile());
        if ($profile) {
            $profile->mergeWithProfile($cart->getProfile(), \XLite\Model\Profile::MERGE_ALL ^ \XLite\Model\Profile::MERGE_ORDERS);
        } else {
            $profile = $cart->getProfile()->cloneEntity();
            $profile->setOrder(null);
            $profile->setAnonymous(true);
        }
        $cart->setOrigProfile($profile);
        \XLite\Core\Database::getEM()->flush();
    }

    protected function loginAnonymousProfile()
    {
        \XLite\Core\Auth::getInstance()->loginProfile($this->getCart()->getOrigProfile());
    }

    protected function sendCreateProfileNotifications($password = null)
    {
        \XLite\Core\Mailer::sendProfileCreated($this->getCart()->getOrigProfile(), null, true);
    }

    protected function cloneProfile()
    {
        $cart = $this->getCart();
        $origProfile = $cart->getProfile();
        $profile = $origProfile->cloneEntity();
        $cart->setProfile($profile);
        $profile->setOrder($cart);
        $cart->setOrigProfile($origProfile);
        $origProfile->setOrder(null);
        if ($origProfile->getLastCheckoutEmail() && $origProfile->getLastCheckoutEmail() !== $cart->getProfile()->getLogin()) {
            $cart->getProfile()->setLogin($origProfile->getLastCheckoutEmail());
        }
        $cart->getProfile()->setLastCheckoutEmail('');
        $cart->getOrigProfile()->setLastCheckoutEmail('');
        \XLite\Core\Database::getEM()->flush();
    }
}
